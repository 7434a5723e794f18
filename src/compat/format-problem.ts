import type { CompatibilityProblem } from './compatibility-rule.js';

/**
 * A problem as one line, the way `topo validate` prints a diagnostic:
 * `file:line:col: [warning: ]message`, without the location when it is unknown.
 */
export function formatProblem(p: Pick<CompatibilityProblem, 'severity' | 'message' | 'loc'>): string {
  const where = p.loc && p.loc.line > 0 ? `${p.loc.file}:${p.loc.line}:${p.loc.col}: ` : '';
  return `${where}${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}
