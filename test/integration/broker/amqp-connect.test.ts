import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { connectAmqp, openAmqp } from '../../../src/broker/amqp-connect.js';
import { createConnection, type ConnectionOptions } from '../../../src/broker/create-connection.js';
import { TopoError } from '../../../src/errors.js';
import { rejectionOf } from '../../support/rejection.js';
import { useScratchVhost } from '../../support/use-scratch-vhost.js';
import { AMQP_URL, definitionsOf, MGMT_URL, PASSWORD, USER } from '../../support/broker.js';

// The AMQP address of the broker under test (TOPO_AMQP_URL) without its credentials, so that
// the management user and password given here are the ones AMQP uses. Deriving the AMQP URL from
// the management URL is unit-tested (test/unit/broker/create-connection.test.ts).
const amqpAddress = new URL(AMQP_URL);
amqpAddress.username = '';
amqpAddress.password = '';
const connection = (options: ConnectionOptions = {}) =>
  createConnection({ urls: [MGMT_URL], user: USER, password: PASSWORD, amqpUrl: amqpAddress.href, timeoutMs: 5000, ...options });
const amqpPort = amqpAddress.port || '5672';

const failure = (connecting: Promise<unknown>): Promise<TopoError> => rejectionOf(connecting, TopoError);

describe('connectAmqp', () => {
  const vhost = useScratchVhost('amqp #% é');

  it('connects to a vhost whose name needs encoding', async () => {
    const model = await connectAmqp(connection(), vhost.name);
    try {
      const channel = await model.createChannel();
      await channel.assertQueue('made-over-amqp', { durable: true });
    } finally {
      await model.close();
    }
    expect((await definitionsOf(vhost.name)).queues.map((q) => q.name)).toEqual(['made-over-amqp']);
  });

  it('says which user failed, without the password', async () => {
    const secret = 'Amqp-wr0ng-pa55-xyz';
    const error = await failure(connectAmqp(connection({ password: secret }), vhost.name));
    expect(error.code).toBe('amqp');
    expect(error.message).toMatch(
      new RegExp(
        `^cannot connect over AMQP to amqp://[^ ]+:${amqpPort}/topo-test%2F[^ ]* \\(vhost "topo-test/[^"]+"\\) as user "guest": the broker refused the login \\(wrong user or password, or the user may not log in over AMQP\\)$`,
      ),
    );
    expect(error).toMatchObject({ failure: 'auth' });
    for (const text of [error.message, String(error.stack), inspect(error), JSON.stringify(error)]) {
      expect(text).not.toContain(secret);
    }
    expect(error.message).not.toContain('\n');
  });

  it('says so when the vhost does not exist', async () => {
    const error = await failure(connectAmqp(connection(), 'topo-test-no-such-vhost'));
    expect(error.message).toContain('(vhost "topo-test-no-such-vhost")');
    expect(error.message).toContain("the broker refused to open the vhost (it does not exist, or the user has no permissions on it)");
  });

  it('says so when nothing listens', async () => {
    const error = await failure(connectAmqp(connection({ amqpUrl: 'amqp://127.0.0.1:1' })));
    expect(error.message).toBe('cannot connect over AMQP to amqp://127.0.0.1:1 as user "guest": nothing answered AMQP there (connection refused)');
    expect(error).toMatchObject({ failure: 'unreachable' });
  });

  it('says so when what answers is not AMQP (the management port)', async () => {
    const port = new URL(MGMT_URL).port;
    const error = await failure(connectAmqp(connection({ amqpUrl: `amqp://127.0.0.1:${port}`, timeoutMs: 1000 })));
    // An HTTP server waits for a request line: the AMQP handshake times out, or is cut off.
    expect(error.message).toMatch(/: (nothing answered AMQP there \(timed out\)|no AMQP server answered there \(.*\))$/);
    expect(error).toMatchObject({ failure: 'unreachable' });
  });

  it('goes on to the next URL when one cannot be reached, and says which one answered', async () => {
    const broker = AMQP_URL.replace(/\/\/[^@]*@/, '//');
    const { model, endpoint } = await openAmqp(connection({ amqpUrl: ['amqp://127.0.0.1:1', broker] }), vhost.name);
    await model.close();
    expect(endpoint.url).toBe(broker);
  });

  it('does not go on when the broker refuses the login: every node would', async () => {
    const broker = AMQP_URL.replace(/\/\/[^@]*@/, '//');
    const error = await failure(connectAmqp(connection({ password: 'wrong-pass-1', amqpUrl: [broker, 'amqp://127.0.0.1:1'] }), vhost.name));
    expect(error.message).toMatch(/^cannot connect over AMQP to amqp:\/\/[^ ]+ \(vhost "[^"]+"\) as user "guest": the broker refused the login/);
    expect(error.message).not.toContain('127.0.0.1:1');
  });

  it('names every URL it tried when none can be reached', async () => {
    const error = await failure(connectAmqp(connection({ amqpUrl: ['amqp://127.0.0.1:1', 'amqp://127.0.0.1:2'] })));
    expect(error.message).toBe(
      'cannot connect over AMQP to any of amqp://127.0.0.1:1, amqp://127.0.0.1:2 as user "guest": ' +
        'amqp://127.0.0.1:1: nothing answered AMQP there (connection refused); amqp://127.0.0.1:2: nothing answered AMQP there (connection refused)',
    );
  });
});
