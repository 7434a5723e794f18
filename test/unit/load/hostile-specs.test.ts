/**
 * Hostile specs through the real command line: every case must end, within 10 s, with exit 0
 * (valid) or 1 (invalid), and print nothing but one line per problem, each located
 * (`file:line:col: message`) or about a whole file (`file: message`), then the verdict. No
 * stack trace, no "unexpected error", nothing on standard error (validate reports on
 * standard output).
 *
 * 200 cases by default, every kind of test/support/hostile-specs.ts alike. Case N is drawn
 * from seed TOPO_FUZZ_SEED + N; a failing case names its seed, and
 * `TOPO_FUZZ_SEED=<seed> npx vitest run test/unit/load/hostile-specs.test.ts` replays it
 * first. TOPO_FUZZ_SCALE=10 runs ten times as many.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { HOSTILE_KINDS, hostileCase, type HostileCase } from '../../support/hostile-specs.js';

const SEED = Number(process.env.TOPO_FUZZ_SEED ?? 0);
const SCALE = Number(process.env.TOPO_FUZZ_SCALE ?? 1);
const CASES = Math.round(200 * SCALE);
const MAX_MS = 10_000;
const BIN = fileURLToPath(new URL('../../../bin/topo.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../../dist/src/cli/main.js', import.meta.url));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Writes the case's files into a fresh directory, removed when the test ends. */
async function writeCase(hostile: HostileCase): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'topo-hostile-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  for (const file of hostile.files) {
    await mkdir(dirname(join(dir, file.name)), { recursive: true });
    await writeFile(join(dir, file.name), file.content);
  }
  return dir;
}

const argv = (dir: string, hostile: HostileCase) => ['validate', dir, ...hostile.vars.flatMap((v) => ['--var', v])];

async function inProcess(dir: string, hostile: HostileCase): Promise<Outcome> {
  const io = bufferIO({ HOME: '/home/topo' });
  const started = performance.now();
  const code = await main(['node', 'topo', ...argv(dir, hostile)], io);
  return { code, stdout: io.stdout, stderr: io.stderr, ms: performance.now() - started };
}

function childProcess(dir: string, hostile: HostileCase): Outcome {
  const started = performance.now();
  const run = spawnSync(process.execPath, [BIN, ...argv(dir, hostile)], {
    encoding: 'utf8',
    timeout: MAX_MS,
    maxBuffer: 64 * 1024 * 1024,
    env: { PATH: process.env.PATH, HOME: '/home/topo' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, ms: performance.now() - started };
}

const VERDICT = /^(?:valid: \d+ vhosts?, \d+ exchanges?, \d+ queues?, \d+ bindings?, \d+ polic(?:y|ies)(?:, \d+ operator polic(?:y|ies))?, \d+ tests?|invalid: (\d+) errors?, (\d+) warnings?)$/;

/** What is wrong with an outcome, as readable lines; empty when it is as it must be. */
function faults(outcome: Outcome, dir: string): string[] {
  const found: string[] = [];
  if (outcome.ms > MAX_MS) found.push(`took ${Math.round(outcome.ms)} ms`);
  if (outcome.code !== 0 && outcome.code !== 1) found.push(`exit code ${String(outcome.code)}`);
  if (outcome.stderr !== '') found.push(`standard error: ${outcome.stderr.slice(0, 500)}`);
  if (!outcome.stdout.endsWith('\n')) found.push('standard output does not end with a line break');
  const lines = outcome.stdout.replace(/\n$/, '').split('\n');
  const verdict = VERDICT.exec(lines.pop() ?? '');
  if (!verdict) found.push(`no verdict: ${outcome.stdout.slice(-300)}`);
  else if ((verdict[1] === undefined) !== (outcome.code === 0)) found.push(`verdict "${verdict[0]}" with exit code ${String(outcome.code)}`);
  let errors = 0;
  let warnings = 0;
  for (const line of lines) {
    const located = line.startsWith(dir) ? /^(?::\d+:\d+)?: (warning: )?\S/.exec(line.slice(dir.length).replace(/^\/[^:]*/, '')) : null;
    if (!located) {
      found.push(`not a one-line problem: ${line.slice(0, 300)}`);
    } else if (located[1]) {
      warnings++;
    } else {
      errors++;
    }
    if (/^\s+at /.test(line) || /unexpected error/.test(line)) found.push(`a crash: ${line.slice(0, 300)}`);
  }
  if (verdict?.[1] !== undefined && (Number(verdict[1]) !== errors || Number(verdict[2]) !== warnings)) {
    found.push(`verdict "${verdict[0]}" but ${errors} errors and ${warnings} warnings printed`);
  }
  if (verdict && verdict[1] === undefined && errors > 0) found.push('valid with errors printed');
  return found;
}

describe('the outcome check', () => {
  const ok = (stdout: string, code = 1, stderr = ''): Outcome => ({ code, stdout, stderr, ms: 5 });
  const dir = '/tmp/case';

  it('accepts located and whole-file problems, then a verdict that counts them', () => {
    expect(faults(ok('/tmp/case/a.yaml:3:7: queue "q": x\n/tmp/case: no *.yaml or *.yml files in this directory\n/tmp/case/b.yaml:1:1: warning: w\ninvalid: 2 errors, 1 warning\n'), dir)).toEqual([]);
    expect(faults(ok('valid: 1 vhost, 0 exchanges, 1 queue, 0 bindings, 0 policies, 0 tests\n', 0), dir)).toEqual([]);
  });

  it.each([
    ['a stack trace', ok('/tmp/case/a.yaml:1:1: boom\n    at parse (x.js:1:1)\ninvalid: 1 error, 0 warnings\n')],
    ['a message on two lines', ok('/tmp/case/a.yaml:1:1: queue "a\nb": x\ninvalid: 1 error, 0 warnings\n')],
    ['an unexpected error', ok('invalid: 0 errors, 0 warnings\n', 1, 'topo: unexpected error: x is undefined (run with --debug for details)\n')],
    ['a crash exit code', ok('', 134)],
    ['a verdict that miscounts', ok('/tmp/case/a.yaml:1:1: x\ninvalid: 2 errors, 0 warnings\n')],
    ['valid with exit 1', ok('valid: 1 vhost, 0 exchanges, 0 queues, 0 bindings, 0 policies, 0 tests\n', 1)],
    ['too slow', { ...ok('invalid: 0 errors, 0 warnings\n'), ms: 10_001 }],
  ])('refuses %s', (_name, outcome) => {
    expect(faults(outcome, dir)).not.toEqual([]);
  });
});

describe(`hostile specs (${CASES} cases from seed ${SEED})`, () => {
  it('cover every kind', () => {
    expect(new Set(Array.from({ length: HOSTILE_KINDS.length }, (_, i) => hostileCase(SEED + i).kind))).toEqual(new Set(HOSTILE_KINDS));
  });

  it.each(Array.from({ length: CASES }, (_, i) => [SEED + i, hostileCase(SEED + i).kind]))(
    'seed %i (%s) ends with a clean verdict through main()',
    { timeout: 3 * MAX_MS },
    async (seed) => {
      const hostile = hostileCase(seed);
      const dir = await writeCase(hostile);
      expect(faults(await inProcess(dir, hostile), dir), `seed ${seed} (${hostile.kind})`).toEqual([]);
    },
  );
});

describe('hostile specs through node bin/topo.js validate', () => {
  // One case of each kind: a real process, its real stdout, stderr and exit code.
  it.each(HOSTILE_KINDS.map((kind, i) => [SEED + i, kind]))('seed %i (%s)', { timeout: 3 * MAX_MS }, async (seed) => {
    expect(existsSync(BUILT), 'run `npm run build` first').toBe(true);
    const hostile = hostileCase(seed);
    const dir = await writeCase(hostile);
    expect(faults(childProcess(dir, hostile), dir), `seed ${seed} (${hostile.kind})`).toEqual([]);
  });
});
