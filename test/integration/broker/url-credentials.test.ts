/**
 * Issue 11 end to end: the reported URLs through a real `topo` process, and a password that
 * holds every delimiter, percent-encoded, working against the real broker over HTTP and AMQP.
 * Needs the build (`npm run build`) for the child processes.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { AMQP_URL, enc, MGMT_URL, mgmt, scratchVhost } from '../../support/broker.js';
import { leakedForms } from '../../support/password-forms.js';
import { giveUrl, URL_CREDENTIAL_EXAMPLES, URL_SOURCES } from '../../support/url-credential-examples.js';
import { q, tempDir } from '../apply/support.js';

const BIN = fileURLToPath(new URL('../../../bin/topo.js', import.meta.url));
const SPEC = fileURLToPath(new URL('../../../examples/tutorials/hello-world.yaml', import.meta.url));

/** The environment of this process without the TOPO_* variables that point tests at the broker. */
const cleanEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('TOPO_')));

async function topoProcess(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...cleanEnv(), ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('topo plan in a child process, given a URL with an unencoded password', () => {
  const reported = URL_CREDENTIAL_EXAMPLES.slice(0, 3);
  it.each(reported.flatMap((example) => URL_SOURCES.map((source) => ({ example, source }))))(
    'on $source.name: $example.url',
    async ({ example, source }) => {
      const given = giveUrl(source, example.url);
      const run = await topoProcess(['plan', SPEC, ...given.args], given.env);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        new RegExp(`^topo: ${source.name}: the user and password in the URL must be percent-encoded \\([^\\n]*\\); got "[a-z]+://bob:\\*\\*\\*@host[^\\n]*"\\n$`),
      );
      expect(leakedForms(run.stdout + run.stderr, example.user, example.password)).toEqual([]);
    },
  );
});

describe('a percent-encoded password with every delimiter, on the real broker', () => {
  const suffix = randomBytes(4).toString('hex');
  const user = `topo-test-encoded-${suffix}`;
  const password = `p#a/s?s@w%o,r:d ${suffix}`;
  const credentials = `${enc(user)}:${enc(password)}`;
  const managementUrl = MGMT_URL.replace('://', `://${credentials}@`);
  const amqpUrl = `amqp://${credentials}@${new URL(AMQP_URL).host}`;
  const cleanups: (() => Promise<void>)[] = [];
  let spec: string;
  let vhost: string;

  beforeAll(async () => {
    const scratch = await scratchVhost('encoded password');
    vhost = scratch.name;
    cleanups.push(scratch.dispose);
    await mgmt('PUT', `/users/${enc(user)}`, { password, tags: 'management' });
    cleanups.push(() => mgmt('DELETE', `/users/${enc(user)}`, undefined, { expect: [204, 404] }));
    await mgmt('PUT', `/permissions/${enc(vhost)}/${enc(user)}`, { configure: '.*', write: '.*', read: '.*' });
    // The apply locks, and nothing else, in the default vhost.
    await mgmt('PUT', `/permissions/%2F/${enc(user)}`, { configure: '^topo\\.apply-lock(:.*)?$', write: '^$', read: '^$' });
    const dir = await tempDir();
    cleanups.push(dir.dispose);
    spec = await dir.file('spec.yaml', `version: 1\nvhosts:\n  ${q(vhost)}:\n    queues:\n      made-with-encoded-password: {}\n`);
  });
  afterAll(async () => {
    for (const dispose of cleanups.reverse()) await dispose();
  });

  async function run(args: string[], env: Record<string, string> = {}) {
    const io = bufferIO(env);
    const code = await main(['node', 'topo', ...args], io);
    expect(leakedForms(io.stdout + io.stderr, user, password)).toEqual([]);
    return { code, stdout: io.stdout, stderr: io.stderr };
  }

  it('plans with it in --url and in TOPO_URL', async () => {
    const ways: { args: string[]; env: Record<string, string> }[] = [
      { args: ['--url', managementUrl], env: {} },
      { args: [], env: { TOPO_URL: managementUrl } },
    ];
    for (const given of ways) {
      const planned = await run(['plan', spec, '--json', ...given.args], given.env);
      expect(planned).toMatchObject({ code: 0, stderr: '' });
      const changes = (JSON.parse(planned.stdout) as { changes: { action: string; name: string }[] }).changes;
      expect(changes.map((c) => `${c.action} ${c.name}`)).toEqual(['create made-with-encoded-password']);
    }
  });

  it('applies with it in --url and --amqp-url (the lock goes over AMQP)', async () => {
    const applied = await run(['apply', spec, '--yes', '--url', managementUrl, '--amqp-url', amqpUrl]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Apply complete: 1 step done.');
    const queues = await mgmt<{ name: string }[]>('GET', `/queues/${enc(vhost)}?columns=name`);
    expect(queues.map((x) => x.name)).toEqual(['made-with-encoded-password']);
  });

  it('is refused by the broker when the same password is sent wrong, still without showing it', async () => {
    const wrong = MGMT_URL.replace('://', `://${enc(user)}:${enc(`${password}x`)}@`);
    const refused = await run(['plan', spec, '--url', wrong]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`topo: authentication failed for user "${user}" at ${MGMT_URL} (check --user/--password or TOPO_USER/TOPO_PASSWORD)\n`);
    expect(leakedForms(refused.stderr, user, `${password}x`)).toEqual([]);
  });
});
