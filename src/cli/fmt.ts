import { writeFile } from 'node:fs/promises';
import { ExitCode, fileErrorReason, TopoError } from '../errors.js';
import { formatSpecText } from '../export/format-spec-text.js';
import { DiagnosticList, formatDiagnostic } from '../load/diagnostic.js';
import { readSpecFiles } from '../load/read-spec-files.js';
import type { CommandIO } from './io.js';
import type { FmtOptions } from './options.js';

/**
 * `topo fmt PATH... [--check]`: rewrites spec files in the canonical style `topo export`
 * writes (src/export/format-spec-text.ts), naming each file it changed on standard error.
 * With `--check` it writes nothing, names the files that are not formatted, and exits 1 if
 * any is (for CI). A file that is not YAML is reported and left alone (exit 1).
 */
export async function fmtCommand(paths: string[], options: FmtOptions, io: CommandIO): Promise<number> {
  const diagnostics = new DiagnosticList();
  const sources = await readSpecFiles(paths, diagnostics);
  for (const d of diagnostics.items) io.err(`${formatDiagnostic(d)}\n`);
  let failed = diagnostics.errorCount > 0;
  let unformatted = 0;
  for (const { file, text } of sources) {
    const formatted = formatSpecText(text);
    if (!formatted.ok) {
      io.err(`${file}: ${formatted.error}\n`);
      failed = true;
      continue;
    }
    if (formatted.text === text) continue;
    unformatted++;
    if (options.check) {
      io.out(`${file}\n`);
    } else {
      await writeFile(file, formatted.text).catch((error: unknown) => {
        throw new TopoError('file', `cannot write ${file}: ${fileErrorReason(error)}`);
      });
      io.err(`formatted ${file}\n`);
    }
  }
  if (options.check && unformatted > 0) io.err(`${unformatted} of ${sources.length} files not formatted: run topo fmt\n`);
  return failed || (options.check && unformatted > 0) ? ExitCode.error : ExitCode.ok;
}
