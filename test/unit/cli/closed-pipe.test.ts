import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/topo.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../../dist/src/cli/main.js', import.meta.url));

// Far more output than a pipe's buffer holds (64 KiB on Linux), so topo is still writing when
// the reader goes away, as with `topo graph … | head`.
const QUEUES = 3000;
const dir = mkdtempSync(join(tmpdir(), 'topo-closed-pipe-'));
const spec = join(dir, 'big.yaml');
writeFileSync(
  spec,
  ['version: 1', 'vhosts:', '  /:', '    queues:', ...Array.from({ length: QUEUES }, (_, i) => `      a-rather-long-queue-name-${i}: {}`)].join('\n'),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `topo ARGS | head -1` and returns topo's own exit code and standard error. */
function pipedToHead(args: string[]): Promise<{ code: number | null; stderr: string; head: string }> {
  const quoted = [process.execPath, BIN, ...args].map((word) => `'${word}'`).join(' ');
  return new Promise((resolve, reject) => {
    execFile('bash', ['-c', `${quoted} | head -1; exit \${PIPESTATUS[0]}`], (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? Number(error.code) : 0, stderr, head: stdout });
    });
  });
}

/** Runs topo with a standard output whose reader is gone before topo writes a byte. */
function closedBeforeWriting(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('output cut by a closed pipe (topo … | head)', () => {
  it('topo graph | head -1 prints the first line and exits 0, quietly', { timeout: 20_000 }, async () => {
    expect(existsSync(BUILT), 'run `npm run build` first').toBe(true);
    expect(await pipedToHead(['graph', spec])).toEqual({ code: 0, stderr: '', head: 'flowchart LR\n' });
  });

  it.each([
    ['--help'],
    ['validate', spec],
    ['route', spec, '-e', '', '-k', 'a-rather-long-queue-name-7'],
    ['graph', spec],
  ])('topo %s with a closed standard output exits 0, quietly', { timeout: 20_000 }, async (...args) => {
    expect(existsSync(BUILT), 'run `npm run build` first').toBe(true);
    expect(await closedBeforeWriting(args)).toEqual({ code: 0, stderr: '' });
  });
});
