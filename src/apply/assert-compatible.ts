import { formatProblem } from '../compat/format-problem.js';
import type { CompatibilityProblem } from '../compat/compatibility-rule.js';
import { TopoError } from '../errors.js';

/**
 * Passes each warning of `problems` to `onWarning` as one located line, then throws the
 * errors, one located line each, as `spec-invalid` (exit 1): what the broker would refuse.
 * Called before the first change: by `plan`, by `apply` before it asks, by the live tests
 * before a scratch vhost exists, and by the executor, which never runs such a plan.
 */
export function assertCompatible(problems: readonly CompatibilityProblem[], onWarning?: (line: string) => void): void {
  for (const p of problems) if (p.severity === 'warning') onWarning?.(formatProblem(p));
  const errors = problems.filter((p) => p.severity === 'error').map(formatProblem);
  if (errors.length > 0) throw new TopoError('spec-invalid', errors.join('\n'));
}
