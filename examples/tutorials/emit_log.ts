/**
 * Tutorial 3, "Publish/Subscribe": the producer. Publishes a log line to the fanout exchange
 * `logs`, which copies it to every queue bound to it, whatever the routing key.
 *
 *   node dist/examples/tutorials/emit_log.js [message]
 */
import type { ConfirmChannel } from 'amqplib';
import { publishConfirmed, runProducer } from './publish-confirmed.js';
import { isMain } from './run-tutorial.js';

export const LOGS_EXCHANGE = 'logs';

/** Publishes one log line; resolves once the broker has confirmed it. */
export async function emitLog(channel: ConfirmChannel, text: string): Promise<void> {
  await publishConfirmed(channel, LOGS_EXCHANGE, '', text);
}

if (isMain(import.meta.url)) {
  await runProducer('publish-subscribe.yaml', async (channel, words) => {
    const text = words.join(' ') || 'info: Hello World!';
    await emitLog(channel, text);
    return `'${text}'`;
  });
}
