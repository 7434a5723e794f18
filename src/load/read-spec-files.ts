import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compareStrings } from '../text/compare-strings.js';
import { decodeSpecText } from './decode-spec-text.js';
import type { DiagnosticList } from './diagnostic.js';
import type { SpecSource } from './spec-source.js';


const SPEC_FILE = /\.ya?ml$/;

/**
 * Reads the spec files that `paths` name, in order: a file as given, a directory as every
 * `*.yaml`/`*.yml` below it sorted by path (hidden entries and node_modules skipped). A file
 * named twice is read once. Files are UTF-8 or UTF-16 (./decode-spec-text.ts). Problems
 * (missing path, empty directory, unreadable file, bytes that are not text) are reported,
 * located at the path itself or at the first byte that is not text.
 */
export async function readSpecFiles(paths: readonly string[], diagnostics: DiagnosticList): Promise<SpecSource[]> {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    for (const file of await expandPath(path, diagnostics)) {
      const absolute = resolve(file);
      if (seen.has(absolute)) continue;
      seen.add(absolute);
      files.push(file);
    }
  }
  const texts = await Promise.all(
    files.map(async (file) => {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (error) {
        diagnostics.error(wholeFile(file), `cannot read: ${reason(error)}`);
        return undefined;
      }
      const decoded = decodeSpecText(bytes);
      if ('text' in decoded) return { file, text: decoded.text };
      diagnostics.error({ file, line: decoded.line, col: decoded.col }, decoded.problem);
      return undefined;
    }),
  );
  return texts.filter((t): t is SpecSource => t !== undefined);
}

async function expandPath(path: string, diagnostics: DiagnosticList): Promise<string[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    diagnostics.error(wholeFile(path), `cannot read: ${reason(error)}`);
    return [];
  }
  if (!isDirectory) return [path];
  const found = (await listSpecFiles(path)).sort(compareStrings);
  if (found.length === 0) diagnostics.error(wholeFile(path), 'no *.yaml or *.yml files in this directory');
  return found;
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
