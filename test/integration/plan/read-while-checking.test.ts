/**
 * `topo plan` starts reading the broker before its spec is checked (src/cli/read-while-checking.ts).
 * What the spec gets wrong must still be reported first, and at once, whatever the broker does.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, topo } from '../apply/support.js';
import { literal } from '../../support/literal-pattern.js';

const servers: Server[] = [];
const sockets: Socket[] = [];
afterAll(() => {
  sockets.forEach((s) => s.destroy());
  servers.forEach((s) => s.close());
});

describe('topo plan reading the broker while the spec is checked', () => {
  it('reports a spec error at once, without waiting for a broker that never answers', async () => {
    let connections = 0;
    const server = createServer((socket) => {
      connections++;
      sockets.push(socket);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const dir = await tempDir();
    try {
      const spec = await dir.file('spec.yaml', 'version: 1\nvhosts:\n  orders:\n    queues:\n      q: { durable: maybe }\n');
      // The requests' timeout is far longer than the test's: only not waiting can pass.
      const result = await topo(['plan', spec, '--url', `http://127.0.0.1:${port}`, '--timeout', '600000'], { broker: false });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^topo: ${literal(spec)}:5:\\d+: .*durable`, 'm'));
      expect(connections).toBeGreaterThan(0);
    } finally {
      await dir.dispose();
    }
  }, 20_000);

  it('reports a spec error before connection flags that cannot be used', async () => {
    const dir = await tempDir();
    try {
      const spec = await dir.file('spec.yaml', 'version: 1\nvhosts:\n  orders:\n    queues:\n      q: { durable: maybe }\n');
      const result = await topo(['plan', spec, '--url', 'ftp://127.0.0.1:15672'], { broker: false });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(':5:');
    } finally {
      await dir.dispose();
    }
  });
});
