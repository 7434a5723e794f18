import type { Channel, ChannelModel } from 'amqplib';
import { connectAmqp } from './amqp-connect.js';
import type { AmqpTarget } from './amqp-target.js';
import type { Connection } from './connection.js';

/**
 * Ready messages of the named queues of one vhost, exactly as the queues report them now
 * (AMQP passive `queue.declare`), keyed by queue name; a queue that does not exist is absent.
 * Used where the management API's numbers may lag (quorum queues publish theirs only every
 * statistics interval). Never for a stream: its passive declare answers the statistics sample,
 * seconds old (0 just after messages were published; RabbitMQ 3.10 and 4.x alike). Over
 * `target` when given (see `openAmqp`), else `conn.amqpUrls`. One connection and channel; a missing queue closes the channel, so a new one is opened for the
 * next name.
 */
export async function readReadyCountsOverAmqp(
  conn: Connection,
  vhost: string,
  names: string[],
  target?: AmqpTarget,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const model = await connectAmqp(conn, vhost, target);
  // A passive declare of a missing queue closes the channel with an error event; it is expected.
  model.on('error', () => {});
  const open = async (): Promise<Channel> => {
    const channel = await model.createChannel();
    channel.on('error', () => {});
    return channel;
  };
  try {
    let channel = await open();
    for (const name of names) {
      try {
        counts.set(name, (await channel.checkQueue(name)).messageCount);
      } catch {
        channel = await open();
      }
    }
  } finally {
    await closeQuietly(model);
  }
  return counts;
}

async function closeQuietly(model: ChannelModel): Promise<void> {
  try {
    await model.close();
  } catch {
    // Already closed by the broker: nothing left to release.
  }
}
