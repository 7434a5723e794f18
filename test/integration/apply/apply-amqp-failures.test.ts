/**
 * Apply's AMQP failures said in plain words (issue 17): a wrong password, or AMQP
 * unreachable while the management API works. apply needs AMQP for its lock; the message
 * says so, says what failed, and names the flag or variable that sets it. Nothing changes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/free-port.js';
import { AMQP_URL, deleteVhost, enc, mgmt, MGMT_URL, PASSWORD, USER, uniqueVhostName } from '../../support/broker.js';
import { tempDir, topo, vhostSpec } from './support.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

async function specFile(): Promise<{ file: string; vhost: string }> {
  const vhost = uniqueVhostName('amqp-failure');
  cleanups.push(() => deleteVhost(vhost));
  const dir = await tempDir();
  cleanups.push(dir.dispose);
  return { vhost, file: await dir.file('t.yaml', vhostSpec(vhost, `    queues:\n      q: {}\n`)) };
}

const vhostExists = (vhost: string) => mgmt('GET', `/vhosts/${enc(vhost)}`).then(() => true, () => false);

describe('apply when AMQP fails', () => {
  it('says the login was refused, that apply needs AMQP for its lock, and which flags set the credentials', async () => {
    const { file, vhost } = await specFile();
    // The management API accepts the login; only AMQP's own credentials (in its URL) are wrong.
    const amqp = new URL(AMQP_URL);
    amqp.password = 'not-the-password';
    const result = await topo(['apply', file, '--yes', '--url', MGMT_URL, '--user', USER, '--password', PASSWORD, '--amqp-url', amqp.toString()], {
      broker: false,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `topo: apply takes its lock over AMQP and could not connect to amqp://${amqp.host}/%2F (vhost "/") as user "${USER}": ` +
        'the broker refused the login (wrong user or password, or the user may not log in over AMQP). Nothing was changed. ' +
        'The AMQP user and password are those of --user/--password (TOPO_USER/TOPO_PASSWORD), unless the AMQP URL (--amqp-url or TOPO_AMQP_URL) carries its own.\n',
    );
    expect(result.stderr).not.toMatch(/Handshake|ACCESS.REFUSED/);
    expect(await vhostExists(vhost)).toBe(false);
  });

  it('says nothing answered AMQP while the management API works, and that --amqp-url or TOPO_AMQP_URL sets it', async () => {
    const { file, vhost } = await specFile();
    const port = await freePort();
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
