/**
 * Tutorial 5, "Topics": the producer. Publishes a log line to the topic exchange
 * `topic_logs` with a routing key of dot-separated words (topics.yaml uses
 * `<speed>.<colour>.<species>`); it reaches the queues with a binding pattern that matches
 * (`*` exactly one word, `#` zero or more).
 *
 *   node dist/examples/tutorials/emit_log_topic.js [routing.key] [message]
 */
import type { ConfirmChannel } from 'amqplib';
import { publishConfirmed, runRoutedProducer } from './publish-confirmed.js';
import { isMain } from './run-tutorial.js';

export const TOPIC_LOGS_EXCHANGE = 'topic_logs';

/** Publishes one log line with a routing key; resolves once the broker has confirmed it. */
export async function emitLogTopic(channel: ConfirmChannel, routingKey: string, text: string): Promise<void> {
  await publishConfirmed(channel, TOPIC_LOGS_EXCHANGE, routingKey, text);
}

// The routing key is the first word of the command line, `quick.orange.rabbit` when none is given.
if (isMain(import.meta.url)) await runRoutedProducer('topics.yaml', 'quick.orange.rabbit', emitLogTopic);
