/**
 * `--url` naming a port that is not the management API (issue 17): RabbitMQ's AMQP port is
 * named as such, with the port to use instead; another server that does not speak HTTP is
 * said to be no management API. One line, no retries, exit 1.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { AMQP_URL } from '../../support/broker.js';
import { topo } from '../apply/support.js';

const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

describe('--url naming the wrong port', () => {
  it("says it is RabbitMQ's AMQP port and which URL the management API usually has", async () => {
    const { hostname, port } = new URL(AMQP_URL);
    const result = await topo(['export', '--url', `http://${hostname}:${port}`], { broker: false });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `topo: http://${hostname}:${port} is RabbitMQ's AMQP port, not the management API (it answered GET /api/vhosts in AMQP); ` +
        `--url (TOPO_URL) is the management API, usually http://${hostname}:1${port}\n`,
    );
  });

  it('says a server that does not speak HTTP is not the management API, without retrying', async () => {
    let connections = 0;
    const server = createServer((socket) => {
      connections++;
      socket.end('SSH-2.0-OpenSSH_9.2\r\n');
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const result = await topo(['export', '--url', `http://127.0.0.1:${port}`], { broker: false });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`^topo: http://127\\.0\\.0\\.1:${port} does not speak HTTP \\(.+\\): it is not the management API; --url \\(TOPO_URL\\) is the management API, usually http://127\\.0\\.0\\.1:15672\\n$`),
    );
    expect(connections).toBe(1);
  });
});
