import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compareStrings } from '../text/compare-strings.js';
import { decodeSpecText } from './decode-spec-text.js';
import type { DiagnosticList } from './diagnostic.js';
import { isTopoSpec, SPEC_RECOGNISED_BY } from './is-topo-spec.js';
import type { SpecSource } from './spec-source.js';


const SPEC_FILE = /\.ya?ml$/;

/**
 * Reads the spec files that `paths` name, in order: a file as given, a directory as every
 * `*.yaml`/`*.yml` below it that is a topo spec (./is-topo-spec.ts; a docker-compose.yml
 * beside the specs is skipped), sorted by path (hidden entries and node_modules skipped). A
 * file named twice is read once. Files are UTF-8 or UTF-16 (./decode-spec-text.ts). Problems
 * (missing path, a directory without specs, unreadable file, bytes that are not text) are
 * reported, located at the path itself or at the first byte that is not text.
 */
export async function readSpecFiles(paths: readonly string[], diagnostics: DiagnosticList): Promise<SpecSource[]> {
  const files: { file: string; directory?: string }[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    for (const found of await expandPath(path, diagnostics)) {
      const absolute = resolve(found.file);
      if (seen.has(absolute)) continue;
      seen.add(absolute);
      files.push(found);
    }
  }
  const texts = await Promise.all(
    files.map(async ({ file, directory }) => {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (error) {
        diagnostics.error(wholeFile(file), `cannot read: ${reason(error)}`);
        return undefined;
      }
      const decoded = decodeSpecText(bytes);
      if ('text' in decoded) return { file, text: decoded.text, ...(directory === undefined ? {} : { directory }) };
      diagnostics.error({ file, line: decoded.line, col: decoded.col }, decoded.problem);
      return undefined;
    }),
  );
  const read = texts.filter((t): t is SpecSource & { directory?: string } => t !== undefined);
  // Found in a directory, only topo specs count; a directory with none says so.
  const specs = read.filter((t) => t.directory === undefined || isTopoSpec(t.text));
  for (const directory of new Set(read.flatMap((t) => (t.directory === undefined ? [] : [t.directory])))) {
    if (!specs.some((t) => t.directory === directory)) {
      const count = read.filter((t) => t.directory === directory).length;
      diagnostics.error(wholeFile(directory), `none of the ${count} *.yaml or *.yml files in this directory is a topo spec (${SPEC_RECOGNISED_BY})`);
    }
  }
  return specs.map(({ file, text }) => ({ file, text }));
}

async function expandPath(path: string, diagnostics: DiagnosticList): Promise<{ file: string; directory?: string }[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    diagnostics.error(wholeFile(path), `cannot read: ${reason(error)}`);
    return [];
  }
  if (!isDirectory) return [{ file: path }];
  const found = (await listSpecFiles(path)).sort(compareStrings);
  if (found.length === 0) diagnostics.error(wholeFile(path), 'no *.yaml or *.yml files in this directory');
  return found.map((file) => ({ file, directory: path }));
}

async function listSpecFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') return [];
      const path = join(directory, entry.name);
      const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path).then((s) => s.isDirectory(), () => false)));
      if (isDirectory) return listSpecFiles(path);
      return SPEC_FILE.test(entry.name) ? [path] : [];
    }),
  );
  return nested.flat();
}

function wholeFile(file: string) {
  return { file, line: 0, col: 0 };
}

function reason(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
