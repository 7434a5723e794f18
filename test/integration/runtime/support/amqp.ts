/**
 * AMQP access for the runtime and tutorial tests: connections to one scratch vhost, closed
 * by `closeAll` in afterEach so a failed test never leaves a connection (or the exclusive
 * queues it owns) behind.
 */
import amqp, { type ChannelModel } from 'amqplib';
import { AMQP_URL } from '../../../support/broker.js';

export function amqpUrlFor(vhost: string): string {
  const url = new URL(AMQP_URL);
  url.pathname = `/${encodeURIComponent(vhost)}`;
  return url.toString();
}

export class Connections {
  private readonly open: ChannelModel[] = [];

  async connect(vhost: string): Promise<ChannelModel> {
    const conn = await amqp.connect(amqpUrlFor(vhost));
    // A test that closes a connection on purpose has already handled it; errors of the
    // others surface through the operations that fail.
    conn.on('error', () => undefined);
    this.open.push(conn);
    return conn;
  }

  async closeAll(): Promise<void> {
    const conns = this.open.splice(0);
    await Promise.all(conns.map((c) => c.close().catch(() => undefined)));
  }
}
