/**
 * Apply's AMQP failures said in plain words (issue 17): a wrong password, or AMQP
 * unreachable while the management API works. apply needs AMQP for its lock; the message
 * says so, says what failed, and names the flag or variable that sets it. Nothing changes.
 */
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteVhost, enc, mgmt, MGMT_URL, USER, uniqueVhostName } from '../../support/broker.js';
import { q, tempDir, topo } from './support.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

async function specFile(): Promise<{ file: string; vhost: string }> {
  const vhost = uniqueVhostName('amqp-failure');
  cleanups.push(() => deleteVhost(vhost));
  const dir = await tempDir();
  cleanups.push(dir.dispose);
  return { vhost, file: await dir.file('t.yaml', `version: 1\nvhosts:\n  ${q(vhost)}:\n    queues:\n      q: {}\n`) };
}

/** A local port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const vhostExists = (vhost: string) => mgmt('GET', `/vhosts/${enc(vhost)}`).then(() => true, () => false);

describe('apply when AMQP fails', () => {
  it('says the login was refused, that apply needs AMQP for its lock, and which flags set the credentials', async () => {
    const { file, vhost } = await specFile();
    const result = await topo(['apply', file, '--yes', '--url', MGMT_URL, '--user', USER, '--password', 'not-the-password'], { broker: false });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `topo: apply takes its lock over AMQP and could not connect to amqp://${new URL(MGMT_URL).hostname}:5672/%2F (vhost "/") as user "${USER}": ` +
        'the broker refused the login (wrong user or password, or the user may not log in over AMQP). Nothing was changed. ' +
        'The AMQP user and password are those of --user/--password (TOPO_USER/TOPO_PASSWORD), unless the AMQP URL (--amqp-url or TOPO_AMQP_URL) carries its own.\n',
    );
    expect(result.stderr).not.toMatch(/Handshake|ACCESS.REFUSED/);
    expect(await vhostExists(vhost)).toBe(false);
  });

  it('says nothing answered AMQP while the management API works, and that --amqp-url or TOPO_AMQP_URL sets it', async () => {
    const { file, vhost } = await specFile();
    const port = await closedPort();
    const result = await topo(['apply', file, '--yes', '--url', MGMT_URL, '--amqp-url', `amqp://127.0.0.1:${port}`], { broker: false });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `topo: apply takes its lock over AMQP and could not connect to amqp://127.0.0.1:${port}/%2F (vhost "/") as user "guest": ` +
        'nothing answered AMQP there (connection refused). Nothing was changed. ' +
        'Set the AMQP URL with --amqp-url or TOPO_AMQP_URL (without it, topo uses the management host on port 5672, 5671 for https).\n',
    );
    expect(await vhostExists(vhost)).toBe(false);
  });
});
