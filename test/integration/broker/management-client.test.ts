import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveConnection } from '../../../src/cli/resolve-connection.js';
import type { ConnectionFlags } from '../../../src/cli/options.js';
import { apiPath, BrokerHttpError, ManagementClient } from '../../../src/broker/management-client.js';
import { definitionsOf, enc, MGMT_URL, mgmt, PASSWORD, USER } from '../../support/broker.js';
import { rejectionOf } from '../../support/rejection.js';
import { useScratchVhost } from '../../support/use-scratch-vhost.js';

const clients: ManagementClient[] = [];
function clientFor(flags: ConnectionFlags = {}, debug?: (line: string) => void): ManagementClient {
  const conn = resolveConnection({ url: [MGMT_URL], user: USER, password: PASSWORD, ...flags }, {});
  const client = new ManagementClient(conn, { backoffMs: 5, ...(debug ? { debug } : {}) });
  clients.push(client);
  return client;
}
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

const failure = (call: Promise<unknown>): Promise<BrokerHttpError> => rejectionOf(call, BrokerHttpError);

/** Every place an error's text could leak to. */
const renderings = (error: Error) => [error.message, String(error.stack), inspect(error, { depth: 5 }), JSON.stringify(error)];

/** A local server standing in for what is not a broker: a proxy, a hung node, a dying node. */
async function localServer(handler: http.RequestListener): Promise<{ url: string; requests: () => number; connections: () => number; close: () => Promise<void> }> {
  let requests = 0;
  let connections = 0;
  const server = http.createServer((req, res) => {
    requests++;
    handler(req, res);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    connections: () => connections,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('ManagementClient against the real broker', () => {
  const vhost = useScratchVhost('client');

  const oddNames = ['a/b', '50% off', 'x#y', 'with space', 'été ☃ 😀', 'q?k=v&w=+', 'dot.and~tilde'];

  it('creates, reads and deletes queues, exchanges and bindings whose names need encoding', async () => {
    const client = clientFor();
    for (const name of oddNames) {
      await client.request('PUT', apiPath('queues', vhost.name, name), { body: { durable: true } });
      await client.request('PUT', apiPath('exchanges', vhost.name, `ex ${name}`), { body: { type: 'fanout', durable: true } });
      await client.request('POST', apiPath('bindings', vhost.name, 'e', `ex ${name}`, 'q', name), {
        body: { routing_key: name, arguments: {} },
      });
    }
    const defs = await definitionsOf(vhost.name);
    expect(defs.queues.map((q) => q.name).sort()).toEqual([...oddNames].sort());
    expect(defs.exchanges.map((e) => e.name).sort()).toEqual(oddNames.map((n) => `ex ${n}`).sort());
    expect(defs.bindings.map((b) => [b.source, b.destination, b.routing_key]).sort()).toEqual(
      oddNames.map((n) => [`ex ${n}`, n, n]).sort(),
    );

    for (const name of oddNames) {
      const q = await client.get<{ name: string; vhost: string }>(apiPath('queues', vhost.name, name));
      expect([q.vhost, q.name]).toEqual([vhost.name, name]);
      await client.request('DELETE', apiPath('queues', vhost.name, name));
    }
    expect((await definitionsOf(vhost.name)).queues).toEqual([]);
  });

  it('handles a vhost named with `/`, `%`, `#`, spaces and unicode', async () => {
    const client = clientFor();
    const name = `topo-test/odd %2F #é ☃-${randomBytes(3).toString('hex')}`;
    try {
      await client.request('PUT', apiPath('vhosts', name), { body: { description: 'odd' } });
      const seen = await mgmt<{ name: string; description: string }>('GET', `/vhosts/${enc(name)}`);
      expect([seen.name, seen.description]).toEqual([name, 'odd']);
      await client.request('PUT', apiPath('permissions', name, USER), { body: { configure: '.*', write: '.*', read: '.*' } });
      await client.request('PUT', apiPath('queues', name, 'q'), { body: { durable: true } });
      expect((await definitionsOf(name)).queues.map((q) => q.name)).toEqual(['q']);
      await client.request('DELETE', apiPath('vhosts', name));
      await expect(mgmt('GET', `/vhosts/${enc(name)}`)).rejects.toThrow(/404/);
    } finally {
      await mgmt('DELETE', `/vhosts/${enc(name)}`, undefined, { expect: [204, 404] });
    }
  });

  it('sends query parameters encoded', async () => {
    const client = clientFor();
    await client.request('PUT', apiPath('queues', vhost.name, 'a+b c'), { body: { durable: true } });
    const page = await client.get<{ items: { name: string }[] }>(apiPath('queues', vhost.name), {
      name: '^a\\+b c$',
      use_regex: 'true',
      page: '1',
      page_size: '100',
      columns: 'name',
    });
    expect(page.items.map((q) => q.name)).toEqual(['a+b c']);
  });

  it('answers okStatuses instead of throwing, with the parsed body', async () => {
    const client = clientFor();
    const answer = await client.request<{ error: string }>('GET', apiPath('queues', vhost.name, 'nope'), { okStatuses: [200, 404] });
    expect(answer.status).toBe(404);
    expect(answer.body?.error).toBeTypeOf('string');
  });

  it('maps a missing vhost to one line', async () => {
    const error = await failure(clientFor().get(apiPath('queues', 'topo-test-no-such-vhost')));
    expect(error.code).toBe('broker-not-found');
    expect(error.status).toBe(404);
    expect(error.message).toBe(`vhost "topo-test-no-such-vhost" does not exist at ${MGMT_URL}`);
  });

  it("carries the broker's own reason for other refusals", async () => {
    const error = await failure(
      clientFor().request('PUT', apiPath('queues', vhost.name, 'bad'), { body: { durable: true, arguments: { 'x-message-ttl': 'soon' } } }),
    );
    expect(error.code).toBe('broker-http');
    expect(error.status).toBe(400);
    expect(error.message).toContain(`the broker refused PUT ${apiPath('queues', vhost.name, 'bad')} at ${MGMT_URL} (400: `);
    expect(error.message).toContain('x-message-ttl');
    expect(error.message).not.toContain('\n');
  });

  it('says authentication failed for a wrong password, without the password anywhere', async () => {
    const secret = 'Wr0ng-pa55word-xyz';
    const lines: string[] = [];
    const error = await failure(clientFor({ password: secret }, (line) => lines.push(line)).get('/api/vhosts'));
    expect(error.code).toBe('broker-auth');
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      `authentication failed for user "${USER}" at ${MGMT_URL} (check --user/--password or TOPO_USER/TOPO_PASSWORD)`,
    );
    for (const text of [...renderings(error), ...lines]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(Buffer.from(`${USER}:${secret}`).toString('base64'));
    }
    expect(lines.join('\n')).toContain(`GET ${MGMT_URL}/api/vhosts -> 401`);
  });

  describe('users without rights', () => {
    const suffix = randomBytes(3).toString('hex');
    const noPerms = { name: `topo-test-noperm-${suffix}`, password: 'N0-perm-pa55-xyz' };
    const noTag = { name: `topo-test-notag-${suffix}`, password: 'N0-tag-pa55-xyz' };
    beforeAll(async () => {
      await mgmt('PUT', `/users/${enc(noPerms.name)}`, { password: noPerms.password, tags: 'management' });
      await mgmt('PUT', `/users/${enc(noTag.name)}`, { password: noTag.password, tags: '' });
    });
    afterAll(async () => {
      for (const u of [noPerms, noTag]) await mgmt('DELETE', `/users/${enc(u.name)}`, undefined, { expect: [204, 404] });
    });

    it('a management user without permissions on the vhost is told which vhost', async () => {
      const error = await failure(
        clientFor({ user: noPerms.name, password: noPerms.password }).get(apiPath('queues', vhost.name)),
      );
      expect(error.code).toBe('broker-forbidden');
      expect(error.message).toBe(
        `user "${noPerms.name}" is not allowed to access vhost "${vhost.name}" at ${MGMT_URL} (needs permissions on vhost "${vhost.name}")`,
      );
      for (const text of renderings(error)) expect(text).not.toContain(noPerms.password);
    });

    it('a user without the management tag is told which tag', async () => {
      const error = await failure(clientFor({ user: noTag.name, password: noTag.password }).get('/api/vhosts'));
      expect(error.code).toBe('broker-forbidden');
      expect(error.message).toBe(
        `user "${noTag.name}" is not allowed to use the management API at ${MGMT_URL} (needs the management, policymaker, monitoring or administrator tag)`,
      );
      for (const text of renderings(error)) expect(text).not.toContain(noTag.password);
    });
  });
});

describe('ManagementClient when the broker is not there', () => {
  const servers: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });

  it('says a closed port is unreachable', async () => {
    const error = await failure(clientFor({ url: ['http://127.0.0.1:1'], password: 'Cl0sed-port-secret' }).get('/api/overview'));
    expect(error.code).toBe('broker-unreachable');
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(
      /^cannot reach the management API at http:\/\/127\.0\.0\.1:1 \(connect ECONNREFUSED 127\.0\.0\.1:1\); is the broker running and the management plugin enabled\?$/,
    );
    for (const text of renderings(error)) expect(text).not.toContain('Cl0sed-port-secret');
  });

  it('fails over to the next node and remembers it', async () => {
    const client = clientFor({ url: ['http://127.0.0.1:1', MGMT_URL] });
    const overview = await client.get<{ management_version: string }>('/api/overview');
    expect(overview.management_version).toMatch(/^\d+\./);
    expect(client.baseUrl).toBe(MGMT_URL);
    // POST also moves on when the connection never opened: nothing reached the first node.
    const other = clientFor({ url: ['http://127.0.0.1:1', MGMT_URL] });
    const { status } = await other.request('POST', '/api/definitions', { body: {} });
    expect([200, 201, 204]).toContain(status);
  });

  it('names every node when none answers', async () => {
    const error = await failure(clientFor({ url: ['http://127.0.0.1:1', 'http://127.0.0.1:2'] }).get('/api/overview'));
    expect(error.code).toBe('broker-unreachable');
    expect(error.message).toContain('at http://127.0.0.1:1, http://127.0.0.1:2 (http://127.0.0.1:1: connect ECONNREFUSED');
  });

  it('times out on a node that accepts and never answers, retrying GET but not POST', async () => {
    let connections = 0;
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => {
      connections++;
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({
      close: () => {
        for (const s of sockets) s.destroy();
        return new Promise((resolve) => server.close(() => resolve()));
      },
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const error = await failure(clientFor({ url: [url], timeout: 150 }).get('/api/overview'));
    expect(error.code).toBe('broker-timeout');
    expect(error.message).toBe(`the management API at ${url} did not answer GET /api/overview within 150 ms (raise --timeout, or check the broker)`);
    expect(connections).toBe(3);

    connections = 0;
    const post = await failure(clientFor({ url: [url], timeout: 150 }).request('POST', '/api/definitions', { body: {} }));
    expect(post.code).toBe('broker-timeout');
    expect(connections).toBe(1);
  });

  it('reports an HTML page (a proxy, a web server) as not JSON', async () => {
    const server = await localServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Welcome to nginx</body></html>');
    });
    servers.push(server);
    const error = await failure(clientFor({ url: [server.url] }).get('/api/overview'));
    expect(error.code).toBe('broker-response');
    expect(error.message).toBe(
      `the management API at ${server.url} answered GET /api/overview with text/html instead of JSON; is the URL the RabbitMQ management API (e.g. http://host:15672)?`,
    );
  });

  it('retries GET on 503 until it answers, and never retries POST', async () => {
    let failuresLeft = 2;
    const server = await localServer((_req, res) => {
      if (failuresLeft-- > 0) {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('busy');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    servers.push(server);
    expect(await clientFor({ url: [server.url] }).get('/api/overview')).toEqual({ ok: true });
    expect(server.requests()).toBe(3);

    failuresLeft = 5;
    const error = await failure(clientFor({ url: [server.url] }).request('POST', '/api/definitions', { body: {} }));
    expect(error.status).toBe(503);
    expect(server.requests()).toBe(4);
  });

  it('moves a GET on from a node that drops the connection, but not a POST', async () => {
    const dropping = await localServer((req) => req.socket.destroy());
    servers.push(dropping);
    const client = clientFor({ url: [dropping.url, MGMT_URL] });
    expect((await client.get<{ management_version: string }>('/api/overview')).management_version).toMatch(/^\d/);
    expect(client.baseUrl).toBe(MGMT_URL);

    const before = dropping.requests();
    const error = await failure(clientFor({ url: [dropping.url, MGMT_URL] }).request('POST', '/api/definitions', { body: {} }));
    expect(error.code).toBe('broker-unreachable');
    expect(error.message).toContain(`the management API at ${dropping.url} closed the connection during POST /api/definitions`);
    expect(dropping.requests()).toBe(before + 1);
  });

  it('reuses one kept-alive connection for sequential requests', async () => {
    const server = await localServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
    });
    servers.push(server);
    const client = clientFor({ url: [server.url] });
    for (let i = 0; i < 5; i++) await client.get('/api/vhosts');
    expect(server.requests()).toBe(5);
    expect(server.connections()).toBe(1);
  });
});

describe('ManagementClient over TLS', () => {
  const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
  const certFile = fixture('localhost-cert.pem');
  const keyFile = fixture('localhost-key.pem');
  let server: https.Server;
  let url: string;
  let connections = 0;

  beforeAll(async () => {
    const cert = readFileSync(certFile);
    // Asks for a client certificate signed by the same self-signed certificate, and says
    // whether one came, so the test sees that --client-cert/--client-key are sent.
    server = https.createServer({ cert, key: readFileSync(keyFile), ca: cert, requestCert: true, rejectUnauthorized: false }, (req, res) => {
      const socket = req.socket as import('node:tls').TLSSocket;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ clientCertificate: socket.authorized }));
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('trusts the server through --ca-cert and presents --client-cert/--client-key', async () => {
    expect(await clientFor({ url: [url], caCert: certFile }).get('/api/overview')).toEqual({ clientCertificate: false });
    expect(
      await clientFor({ url: [url], caCert: certFile, clientCert: certFile, clientKey: keyFile }).get('/api/overview'),
    ).toEqual({ clientCertificate: true });
  });

  it('refuses an unknown server certificate with one line, without retrying', async () => {
    const before = connections;
    const error = await failure(clientFor({ url: [url] }).get('/api/overview'));
    expect(error.code).toBe('broker-unreachable');
    expect(error.message).toMatch(
      new RegExp(`^TLS connection to the management API at ${url.replace(/\./g, '\\.')} failed \\(.*self.signed.*\\); check --ca-cert, --client-cert, --client-key, or use --insecure$`),
    );
    expect(connections).toBe(before + 1);
  });

  it('accepts any certificate with --insecure', async () => {
    expect(await clientFor({ url: [url], insecure: true }).get('/api/overview')).toEqual({ clientCertificate: false });
  });
});
