import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { onTestFinished } from 'vitest';
import { compareDiagnostics, formatDiagnostic, type SpecResult } from '../../../src/load/diagnostic.js';
import type { NormalizedTopology } from '../../../src/model/normalized-topology.js';
import { validateSpecSources } from '../../../src/load/validate-spec-sources.js';

/** Validates in-memory files (one text means `spec.yaml`); no environment unless given. */
export function validateYaml(
  files: string | Record<string, string>,
  options: { vars?: Record<string, string>; env?: Record<string, string | undefined> } = {},
): SpecResult {
  const entries = typeof files === 'string' ? [['spec.yaml', files] as const] : Object.entries(files);
  return validateSpecSources(
    entries.map(([file, text]) => ({ file, text })),
    { vars: options.vars ?? {}, env: options.env ?? {} },
  );
}

/** Every diagnostic as printed (`file:line:col: [warning: ]message`), in location order. */
export function lines(result: SpecResult): string[] {
  return [...(result.ok ? [] : result.errors), ...result.warnings].sort(compareDiagnostics).map(formatDiagnostic);
}

/** The topology of a spec that must be valid (fails the test with its diagnostics otherwise). */
export function topologyOf(files: string | Record<string, string>, options?: Parameters<typeof validateYaml>[1]): NormalizedTopology {
  const result = validateYaml(files, options);
  if (!result.ok) throw new Error(`expected a valid spec, got:\n${lines(result).join('\n')}`);
  return result.topology;
}

/** Writes files below a fresh temporary directory; returns it and a cleanup. */
/** Writes `files` into a fresh temp dir, removed when the current test finishes; returns the dir. */
export async function tempTree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'topo-spec-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}
