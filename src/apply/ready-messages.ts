import type { ChannelModel } from 'amqplib';

/** AMQP reply code of a passive declare of a queue that does not exist. */
const NOT_FOUND = 404;

/**
 * Ready messages of queue `name`, exactly as the queue counts them now (AMQP passive declare,
 * on a channel of its own), or undefined when the queue does not exist. Any other failure
 * (the connection lost) is thrown, never read as "gone".
 */
export async function readyMessages(model: ChannelModel, name: string): Promise<number | undefined> {
  const channel = await model.createChannel();
  // A passive declare of a missing queue closes the channel with an error event: expected.
  channel.on('error', () => undefined);
  try {
    return (await channel.checkQueue(name)).messageCount;
  } catch (error) {
    if ((error as { code?: unknown }).code === NOT_FOUND) return undefined;
    throw error;
  } finally {
    await channel.close().catch(() => undefined);
  }
}
