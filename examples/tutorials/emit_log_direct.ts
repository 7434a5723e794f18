/**
 * Tutorial 4, "Routing": the producer. Publishes a log line to the direct exchange
 * `direct_logs` with its severity as routing key; it reaches the queues bound with exactly
 * that key.
 *
 *   node dist/examples/tutorials/emit_log_direct.js [severity] [message]
 */
import type { ConfirmChannel } from 'amqplib';
import { publishConfirmed, runRoutedProducer } from './publish-confirmed.js';
import { isMain } from './run-tutorial.js';

export const DIRECT_LOGS_EXCHANGE = 'direct_logs';

/** Publishes one log line with a severity; resolves once the broker has confirmed it. */
export async function emitLogDirect(channel: ConfirmChannel, severity: string, text: string): Promise<void> {
  await publishConfirmed(channel, DIRECT_LOGS_EXCHANGE, severity, text);
}

// The severity is the first word of the command line, `info` when none is given.
if (isMain(import.meta.url)) await runRoutedProducer('routing.yaml', 'info', emitLogDirect);
