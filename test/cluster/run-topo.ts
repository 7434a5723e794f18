/** Running topo in-process against the cluster, and spec files in a temp dir. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { PASSWORD, USER } from './cluster.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `topo ARGS… --user … --password …` in-process, without a terminal, with `env` as its environment. */
export async function topo(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const io = bufferIO(env);
  const code = await main(['node', 'topo', ...args, '--user', USER, '--password', PASSWORD], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Writes `text` to a new file in a fresh temp dir; returns its path. */
export async function specFile(name: string, text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'topo-cluster-')), name);
  await writeFile(file, text);
  return file;
}
