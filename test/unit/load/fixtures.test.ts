import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { validateCommand } from '../../../src/cli/validate.js';

/**
 * The fixture corpus: every file under test/fixtures/invalid must make `topo validate` exit 1,
 * every file under test/fixtures/warnings exit 0, each printing exactly the lines its header
 * announces: `# expect: LINE:COL: message` (the file name inside messages written bare).
 */
const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

function fixtures(kind: 'invalid' | 'warnings'): { name: string; path: string; expected: string[] }[] {
  const dir = join(FIXTURES, kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const expected = readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('# expect: '))
        .map((line) => line.slice('# expect: '.length));
      return { name: basename(f, '.yaml'), path, expected };
    });
}

async function run(path: string): Promise<{ code: number; printed: string[]; verdict: string }> {
  // No environment: fixtures about ${env:...} rely on the variable being unset.
  const io = bufferIO({});
  const code = await validateCommand([path], { var: [] }, io);
  const out = io.stdout.trimEnd().split('\n');
  const verdict = out.pop() ?? '';
  const dir = path.slice(0, -basename(path).length);
  const printed = out.map((line) => (line.startsWith(`${path}:`) ? line.slice(path.length + 1) : line).split(dir).join(''));
  return { code, printed, verdict };
}

describe('invalid fixtures', () => {
  const corpus = fixtures('invalid');

  it('has at least 35 specs, each announcing its errors', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(35);
    for (const fixture of corpus) expect(fixture.expected, fixture.name).not.toEqual([]);
  });

  it.each(corpus.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const { code, printed, verdict } = await run(fixture.path);
    expect(printed).toEqual(fixture.expected);
    expect(verdict).toMatch(/^invalid: [1-9]\d* errors?, \d+ warnings?$/);
    expect(code).toBe(1);
  });
});

describe('warning fixtures', () => {
  it.each(fixtures('warnings').map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const { code, printed, verdict } = await run(fixture.path);
    expect(printed).toEqual(fixture.expected);
    expect(printed.every((line) => /^\d+:\d+: warning: /.test(line))).toBe(true);
    expect(verdict).toMatch(/^valid: /);
    expect(code).toBe(0);
  });
});
