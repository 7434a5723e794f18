import type { ConfirmChannel } from 'amqplib';
import type { Log } from '../../../../examples/tutorials/start-listener.js';
import type { Inbox } from './inbox.js';
import type { TutorialInTest } from './tutorial-vhost.js';

const END = '\u0000end-of-test';

/**
 * Everything routed to each listener so far, as routing keys. Proves absence without
 * waiting: an end marker goes straight to each listener's queue on the channel that
 * published the test messages, and a queue delivers in order, so a listener that has its
 * marker has everything routed to it before.
 */
export async function routingKeysReceived(
  channel: ConfirmChannel,
  listeners: readonly { queue: string; inbox: Inbox<Log> }[],
): Promise<string[][]> {
  for (const { queue } of listeners) channel.sendToQueue(queue, Buffer.from(END));
  await channel.waitForConfirms();
  return Promise.all(
    listeners.map(async ({ inbox }) => {
      const logs = await inbox.until((items) => items.some((l) => l.text === END), 'the end marker');
      return logs.filter((l) => l.text !== END).map((l) => l.routingKey);
    }),
  );
}

/**
 * Starts the spec's runtime queues `listeners` as the receivers do, lets `publish` send on a
 * confirm channel of its own connection, and returns what each listener received, as
 * `routingKeysReceived` does.
 */
export async function routingKeysDelivered(
  tutorial: TutorialInTest,
  listeners: readonly string[],
  publish: (channel: ConfirmChannel) => Promise<void>,
): Promise<string[][]> {
  const started = [];
  for (const listener of listeners) started.push(await tutorial.listen(listener));
  const channel = await (await tutorial.connect()).createConfirmChannel();
  await publish(channel);
  return routingKeysReceived(channel, started);
}
