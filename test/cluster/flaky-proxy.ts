/**
 * A TCP proxy to one node's management API that can go away for a while: an outage as a
 * client sees one (connections refused, open ones cut), with the real broker behind it.
 */
import net from 'node:net';

export class FlakyProxy {
  readonly #target: { host: string; port: number };
  readonly #sockets = new Set<net.Socket>();
  #server: net.Server | undefined;
  port = 0;

  constructor(targetUrl: string) {
    const url = new URL(targetUrl);
    this.#target = { host: url.hostname, port: Number(url.port) };
  }

  /** Listens on 127.0.0.1 (a free port the first time, the same one after an outage). */
  async start(): Promise<string> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.#target);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('close', () => this.#sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.#server = server;
    return `http://127.0.0.1:${this.port}`;
  }

  /** Refuses connections and cuts the open ones for `ms`, then serves again. */
  async outage(ms: number): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    const closed = new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
    for (const socket of this.#sockets) socket.destroy();
    await closed;
    await new Promise((resolve) => setTimeout(resolve, ms));
    await this.start();
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }
}
