/**
 * Tutorial 3, "Publish/Subscribe": the producer. Publishes a log line to the fanout exchange
 * `logs`, which copies it to every queue bound to it, whatever the routing key.
 *
 *   node dist/examples/tutorials/emit_log.js [message]
 */
import type { ConfirmChannel } from 'amqplib';
import { isMain, runTutorial } from './run-tutorial.js';

export const LOGS_EXCHANGE = 'logs';

/** Publishes one log line; resolves once the broker has confirmed it. */
export async function emitLog(channel: ConfirmChannel, text: string): Promise<void> {
  channel.publish(LOGS_EXCHANGE, '', Buffer.from(text));
  await channel.waitForConfirms();
}

if (isMain(import.meta.url)) {
  await runTutorial('publish-subscribe.yaml', async (conn) => {
    const text = process.argv.slice(2).join(' ') || 'info: Hello World!';
    await emitLog(await conn.createConfirmChannel(), text);
    console.log(` [x] Sent '${text}'`);
  });
}
