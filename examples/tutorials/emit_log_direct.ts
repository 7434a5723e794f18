/**
 * Tutorial 4, "Routing": the producer. Publishes a log line to the direct exchange
 * `direct_logs` with its severity as routing key; it reaches the queues bound with exactly
 * that key.
 *
 *   node dist/examples/tutorials/emit_log_direct.js [severity] [message]
 */
import type { ConfirmChannel } from 'amqplib';
import { isMain, runTutorial } from './run-tutorial.js';

export const DIRECT_LOGS_EXCHANGE = 'direct_logs';

/** Publishes one log line with a severity; resolves once the broker has confirmed it. */
export async function emitLogDirect(channel: ConfirmChannel, severity: string, text: string): Promise<void> {
  channel.publish(DIRECT_LOGS_EXCHANGE, severity, Buffer.from(text));
  await channel.waitForConfirms();
}

if (isMain(import.meta.url)) {
  await runTutorial('routing.yaml', async (conn) => {
    const [severity = 'info', ...words] = process.argv.slice(2);
    const text = words.join(' ') || 'Hello World!';
    await emitLogDirect(await conn.createConfirmChannel(), severity, text);
    console.log(` [x] Sent ${severity}: '${text}'`);
  });
}
