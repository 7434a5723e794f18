/**
 * The README's examples cannot drift (issue 17): every `$ topo ...` line names a real command
 * with real flags; the offline ones (validate, route, test, graph) are run on the files they
 * name and print exactly what the README shows (`...` stands for any lines); the plan shown is
 * what the renderer prints for the sample plan; the spec and settings shown are valid.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { validateSpec } from '../../../src/load/load-topology.js';
import { renderText } from '../../../src/render/render-text.js';
import { parseSettings } from '../../../src/settings/parse-settings.js';
import { commandWords, unknownFlags } from '../../support/topo-flags.js';
import { samplePlan } from '../render/sample-plan.js';
import { literal } from '../../support/literal-pattern.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface Example {
  /** The command line after `$ `, comment removed. */
  line: string;
  /** The lines the README shows after it. */
  output: string[];
}

/** Every `$ ...` line of the README's console blocks, with the output shown under it. */
function consoleExamples(): Example[] {
  const examples: Example[] = [];
  for (const block of README.matchAll(/```console\n([\s\S]*?)```/g)) {
    for (const line of (block[1] ?? '').trimEnd().split('\n')) {
      if (line.startsWith('$ ')) examples.push({ line: line.slice(2).replace(/\s+#\s.*$/, ''), output: [] });
      else examples.at(-1)?.output.push(line);
    }
  }
  return examples;
}

/** The topo commands of a line (`a && b` holds two), each up to a pipe or redirection. */
function topoCommands(line: string): string[][] {
  return line
    .split('&&')
    .map((part) => commandWords(part.trim()))
    .filter((words) => words[0] === 'topo')
    .map((words) => words.slice(1));
}

/** `actual` matches `shown`, where a `...` line of `shown` stands for any number of lines. */
function matchesShown(actual: string[], shown: string[]): boolean {
  const pattern = shown.map((l) => (l === '...' ? '(?:.*\\n)*?' : `${literal(l)}\\n`)).join('');
  return new RegExp(`^${pattern}$`).test(actual.map((l) => `${l}\n`).join(''));
}

const OFFLINE = new Set(['validate', 'route', 'test', 'graph']);
const examples = consoleExamples();
const commands = examples.flatMap((e) => topoCommands(e.line).map((words) => ({ ...e, words })));

describe('the README examples', () => {
  it('are found: at least one per command', () => {
    const names = new Set(commands.map((c) => c.words[0]));
    for (const name of ['validate', 'plan', 'apply', 'route', 'test', 'export', 'fmt', 'graph']) expect(names, name).toContain(name);
  });

  it.each(commands.map((c) => [c.line, c] as const))('`%s` uses a real command and real flags', (_line, c) => {
    expect(unknownFlags(c.words)).toEqual([]);
  });

  const runnable = commands.filter((c) => OFFLINE.has(c.words[0]!) && !c.words.includes('--live'));
  it.each(runnable.map((c) => [c.line, c] as const))('`%s` runs offline and prints what the README shows', async (_line, c) => {
    const paths = c.words.slice(1).filter((w, i, all) => !w.startsWith('-') && !(all[i - 1] ?? '').startsWith('-'));
    for (const path of paths) expect(existsSync(join(ROOT, path)), path).toBe(true);
    const io = bufferIO({});
    const args = c.words.map((w) => w.replace(/^"(.*)"$/, '$1'));
    const code = await main(['node', 'topo', ...args], io);
    const failing = c.output.at(-1)?.startsWith('invalid:') ?? false;
    expect(io.stderr).toBe('');
    expect(code).toBe(failing ? 1 : 0);
    const piped = /[|>]/.test(c.line);
    if (c.output.length > 0 && !piped) {
      const actual = io.stdout.trimEnd().split('\n');
      expect(matchesShown(actual, c.output), `README shows:\n${c.output.join('\n')}\n\ntopo printed:\n${actual.join('\n')}`).toBe(true);
    }
  });

  it('show a plan exactly as topo renders it', () => {
    const plan = examples.find((e) => e.line === 'topo plan topology/');
    expect(plan?.output.join('\n')).toBe(renderText(samplePlan, { color: false }).trimEnd());
  });

  it('show a spec that is valid, under "The format"', async () => {
    const yaml = /## The format\n\n```yaml\n([\s\S]*?)```/.exec(README)?.[1];
    expect(yaml).toBeDefined();
    const dir = await mkdtemp(join(tmpdir(), 'topo-readme-'));
    try {
      await writeFile(join(dir, 'topology.yaml'), yaml!);
      const result = await validateSpec([join(dir, 'topology.yaml')]);
      expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([]);
      expect(result.warnings.map((w) => w.message)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('show a settings file that topo reads', () => {
    const yaml = /### Settings file and environments[\s\S]*?```yaml\n([\s\S]*?)```/.exec(README)?.[1];
    expect(parseSettings(yaml ?? '', '.topo.yaml')).toMatchObject({ ok: true });
  });
});
