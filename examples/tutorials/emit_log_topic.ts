/**
 * Tutorial 5, "Topics": the producer. Publishes a log line to the topic exchange
 * `topic_logs` with a routing key of dot-separated words (topics.yaml uses
 * `<speed>.<colour>.<species>`); it reaches the queues with a binding pattern that matches
 * (`*` exactly one word, `#` zero or more).
 *
 *   node dist/examples/tutorials/emit_log_topic.js [routing.key] [message]
 */
import type { ConfirmChannel } from 'amqplib';
import { isMain, runTutorial } from './run-tutorial.js';

export const TOPIC_LOGS_EXCHANGE = 'topic_logs';

/** Publishes one log line with a routing key; resolves once the broker has confirmed it. */
export async function emitLogTopic(channel: ConfirmChannel, routingKey: string, text: string): Promise<void> {
  channel.publish(TOPIC_LOGS_EXCHANGE, routingKey, Buffer.from(text));
  await channel.waitForConfirms();
}

if (isMain(import.meta.url)) {
  await runTutorial('topics.yaml', async (conn) => {
    const [routingKey = 'quick.orange.rabbit', ...words] = process.argv.slice(2);
    const text = words.join(' ') || 'Hello World!';
    await emitLogTopic(await conn.createConfirmChannel(), routingKey, text);
    console.log(` [x] Sent ${routingKey}: '${text}'`);
  });
}
