import { ExitCode } from '../errors.js';
import { compareDiagnostics, type Diagnostic } from '../load/diagnostic.js';
import { formatDiagnostic, validateSpec } from '../load/load-topology.js';
import { formatSummary, summarizeTopology } from '../model/summarize-topology.js';
import type { CommandIO } from './io.js';
import { loadOptions } from './load-spec.js';
import type { ValidateOptions } from './options.js';
import { countOf as count } from '../text/count-of.js';

/**
 * `topo validate PATH...`: every problem of the spec, one `file:line:col: message` line each
 * (warnings marked), then a one-line verdict. Exit 0 when valid (warnings allowed), 1 when
 * not. `--json` prints `{ formatVersion, valid, diagnostics, summary }` instead.
 */
export async function validateCommand(paths: string[], options: ValidateOptions, io: CommandIO): Promise<number> {
  const result = await validateSpec(paths, loadOptions(options, io));
  const errors = result.ok ? [] : result.errors;
  const diagnostics = [...errors, ...result.warnings].sort(compareDiagnostics);
  const summary = result.ok ? summarizeTopology(result.topology) : null;
  if (options.json) {
    const report = { formatVersion: 1, valid: result.ok, diagnostics: diagnostics.map(plain), summary };
    io.out(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const d of diagnostics) io.out(`${formatDiagnostic(d)}\n`);
    io.out(summary ? `valid: ${formatSummary(summary)}\n` : `invalid: ${count(errors.length, 'error')}, ${count(result.warnings.length, 'warning')}\n`);
  }
  return result.ok ? ExitCode.ok : ExitCode.error;
}

function plain(d: Diagnostic): Diagnostic {
  return { severity: d.severity, file: d.file, line: d.line, col: d.col, message: d.message };
}
