/**
 * The built CLI (`node bin/topo.js`) as a child process, the way people and CI run it: on a
 * pseudo-terminal (util-linux `script`, which merges stdout and stderr as a terminal does), or
 * without one (pipes, as in a CI job). Everything printed is kept with the time it arrived.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/topo.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../../dist/src/cli/main.js', import.meta.url));

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export interface Chunk {
  stream: 'stdout' | 'stderr';
  text: string;
  /** Milliseconds since the spawn. */
  at: number;
}

export interface SpawnedTopo {
  chunks: Chunk[];
  /** Everything printed so far, both streams in arrival order. */
  output(): string;
  stdout(): string;
  stderr(): string;
  /** Types on the terminal (or writes to stdin without one). */
  write(text: string): void;
  signal(signal: NodeJS.Signals): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnTopo(args: string[], options: { terminal?: boolean; env?: Record<string, string> } = {}): SpawnedTopo {
  expect(existsSync(BUILT), 'run `npm run build` (or npx tsc -p tsconfig.json) first').toBe(true);
  // `script` runs the command through $SHELL: the same shell everywhere, and `exec`, so that
  // Ctrl-C reaches topo alone (a dash left waiting in between dies of it, exit 130).
  const env = { ...process.env, SHELL: '/bin/sh', ...options.env };
  const command = ['exec', ...[process.execPath, BIN, ...args].map(shellQuote)].join(' ');
  const child = options.terminal
    ? spawn('script', ['-qec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    : spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const started = Date.now();
  const chunks: Chunk[] = [];
  const keep = (stream: Chunk['stream']) => (data: Buffer) => chunks.push({ stream, text: data.toString('utf8'), at: Date.now() - started });
  child.stdout.on('data', keep('stdout'));
  child.stderr.on('data', keep('stderr'));
  const text = (stream?: Chunk['stream']) => chunks.filter((c) => !stream || c.stream === stream).map((c) => c.text).join('');
  return {
    chunks,
    output: () => text(),
    stdout: () => text('stdout'),
    stderr: () => text('stderr'),
    write: (input) => child.stdin.write(input),
    signal: (signal) => child.kill(signal),
    exited: new Promise((resolve) =>
      child.on('close', (code, signal) => {
        child.stdin.destroy();
        resolve({ code, signal });
      }),
    ),
  };
}
