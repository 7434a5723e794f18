/**
 * Settings like the tools people know (issue 17): a settings file with named environments
 * (`--env`), `--password-file` / `TOPO_PASSWORD_FILE`, `--var-file`, and their precedence
 * (flags, then TOPO_* variables, then the environment), through the CLI and the real broker.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { withSettings } from '../../../src/cli/with-settings.js';
import { AMQP_URL, MGMT_URL, PASSWORD, scratchVhost, USER } from '../../support/broker.js';
import { q, tempDir } from '../apply/support.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

let dir: Awaited<ReturnType<typeof tempDir>>;
let vhost: string;
let spec: string;
let settings: string;

beforeAll(async () => {
  dir = await tempDir();
  cleanups.push(dir.dispose);
  const scratch = await scratchVhost('settings');
  vhost = scratch.name;
  cleanups.push(scratch.dispose);
  await mkdir(join(dir.path, 'secrets'));
  await dir.file('secrets/broker-password', `${PASSWORD}\n`);
  await dir.file('secrets/wrong-password', 'not-the-password\n');
  spec = await dir.file(
    'spec.yaml',
    `version: 1\nvhosts:\n  ${q(vhost)}:\n    queues:\n      \${var:queue}:\n        arguments:\n          x-max-length: \${var:length}\n`,
  );
  settings = await dir.file(
    'topo.yaml',
    [
      'environments:',
      '  test:',
      `    url: ${MGMT_URL}`,
      `    amqpUrl: ${AMQP_URL.replace(/\/\/[^@]*@/, '//')}`,
      `    user: ${USER}`,
      '    passwordFile: secrets/broker-password',
      '    vars: { queue: from-settings, length: 10 }',
      '  wrong:',
      `    url: ${MGMT_URL}`,
      `    user: ${USER}`,
      '    passwordFile: secrets/wrong-password',
      '',
    ].join('\n'),
  );
});

async function topo(args: string[], env: Record<string, string> = {}) {
  const io = bufferIO(env);
  const code = await main(['node', 'topo', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('a settings file with named environments', () => {
  it('gives --env its URL, user, password file and vars', async () => {
    const run = await topo(['plan', spec, '--config', settings, '--env', 'test', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as { changes: { action: string; name: string; after?: { arguments: unknown } }[] };
    expect(plan.changes).toContainEqual(expect.objectContaining({ action: 'create', name: 'from-settings', after: expect.objectContaining({ arguments: { 'x-max-length': 10 } }) }));
  });

  it('is found through TOPO_CONFIG and TOPO_ENV too', async () => {
    const run = await topo(['plan', spec, '--json'], { TOPO_CONFIG: settings, TOPO_ENV: 'test' });
    expect(run.code).toBe(0);
  });

  it('loses to flags and TOPO_* variables', async () => {
    // The environment's password is wrong; --password and TOPO_PASSWORD each put it right.
    expect((await topo(['plan', spec, '--config', settings, '--env', 'wrong', '--var', 'queue=q', '--var', 'length=1'])).stderr).toMatch(/authentication failed/);
    expect((await topo(['plan', spec, '--config', settings, '--env', 'wrong', '--password', PASSWORD, '--var', 'queue=q', '--var', 'length=1'])).code).toBe(0);
    expect((await topo(['plan', spec, '--config', settings, '--env', 'wrong', '--var', 'queue=q', '--var', 'length=1'], { TOPO_PASSWORD: PASSWORD })).code).toBe(0);
  });

  it('names an unknown environment with the nearest one', async () => {
    const run = await topo(['plan', spec, '--config', settings, '--env', 'tset']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: `topo: --env tset: ${settings} has no environment "tset" (did you mean "test"?) (it has: test, wrong)\n` });
  });

  it('is ./.topo.yaml, else ~/.config/topo/config.yaml, when not named', async () => {
    const home = join(dir.path, 'home');
    await mkdir(join(home, '.config', 'topo'), { recursive: true });
    await writeFile(join(home, '.config', 'topo', 'config.yaml'), `default: home\nenvironments:\n  home:\n    user: from-home\n`);
    const project = join(dir.path, 'project');
    await mkdir(project);
    const env = { HOME: home };
    expect(withSettings({ url: [] }, env, { cwd: project, connection: true })).toMatchObject({ user: 'from-home' });
    await writeFile(join(project, '.topo.yaml'), `default: here\nenvironments:\n  here:\n    user: from-project\n`);
    expect(withSettings({ url: [] }, env, { cwd: project, connection: true })).toMatchObject({ user: 'from-project' });
  });
});

describe('--password-file and TOPO_PASSWORD_FILE', () => {
  const flags = () => ['plan', spec, '--url', MGMT_URL, '--user', USER, '--var', 'queue=q', '--var', 'length=1'];

  it('read the password from a file, without its trailing newline', async () => {
    expect((await topo([...flags(), '--password-file', join(dir.path, 'secrets/broker-password')])).code).toBe(0);
    expect((await topo(flags(), { TOPO_PASSWORD_FILE: join(dir.path, 'secrets/broker-password') })).code).toBe(0);
    expect((await topo(flags(), { TOPO_PASSWORD_FILE: join(dir.path, 'secrets/wrong-password') })).stderr).toMatch(/authentication failed/);
  });

  it('say in one line when the file is missing, and refuse both a password and a file', async () => {
    const missing = join(dir.path, 'secrets/none');
    expect((await topo([...flags(), '--password-file', missing])).stderr).toBe(`topo: cannot read the --password-file "${missing}": no such file or directory\n`);
    expect((await topo([...flags(), '--password', 'x', '--password-file', missing])).stderr).toBe('topo: give --password or --password-file, not both\n');
  });
});

describe('--var-file', () => {
  it('gives ${var:…} values, --var winning over it, offline', async () => {
    const vars = await dir.file('vars.yaml', 'queue: from-file\nlength: 7\n');
    const run = await topo(['validate', spec, '--var-file', vars, '--var', 'length=8', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ valid: true });
    const routed = await topo(['graph', spec, '--var-file', vars]);
    expect(routed.stdout).toContain('from-file');
  });
});
