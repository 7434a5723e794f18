import { createServer } from 'node:net';

/**
 * A local TCP port nobody listens on now: the OS picks a free one, and it is let go at once.
 * For a connection that must be refused, or a server that must not meet another.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
