import { TopoError } from '../errors.js';
import { formatDiagnostic, validateSpec } from '../load/load-topology.js';
import type { NormalizedTopology } from '../model/normalized-topology.js';
import type { CommandIO } from './io.js';
import type { SpecOptions } from './options.js';

/**
 * The spec of every command that reads one: loads `paths` with the `--var` values and the
 * environment, prints warnings to standard error, and throws `TopoError('spec-invalid')`
 * (one `file:line:col: message` line per error) when the spec is invalid.
 */
export async function loadSpecFromFlags(paths: string[], options: SpecOptions, io: CommandIO): Promise<NormalizedTopology> {
  const result = await validateSpec(paths, { vars: parseVarFlags(options.var ?? []), env: io.env });
  for (const warning of result.warnings) io.err(`${formatDiagnostic(warning)}\n`);
  if (!result.ok) throw new TopoError('spec-invalid', result.errors.map(formatDiagnostic).join('\n'));
  return result.topology;
}

/** `--var key=value` flags as a record; the value may contain `=`, a later key wins. */
export function parseVarFlags(flags: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new TopoError('usage', `--var expects key=value, got "${flag}"`);
    vars[flag.slice(0, eq)] = flag.slice(eq + 1);
  }
  return vars;
}
