/**
 * Tutorial 1, "Hello World!": the producer. Sends one message to the `hello` queue through
 * the default exchange, which routes by queue name. The queue itself is declared by
 * `topo apply` from hello-world.yaml, not by this program.
 *
 *   node dist/examples/tutorials/send.js [message]
 */
import type { ConfirmChannel } from 'amqplib';
import { publishConfirmed, runProducer } from './publish-confirmed.js';
import { isMain } from './run-tutorial.js';

export const HELLO_QUEUE = 'hello';

/** Sends `text` to the hello queue; resolves once the broker has confirmed it. */
export async function send(channel: ConfirmChannel, text: string): Promise<void> {
  await publishConfirmed(channel, '', HELLO_QUEUE, text);
}

if (isMain(import.meta.url)) {
  await runProducer('hello-world.yaml', async (channel, words) => {
    const text = words.join(' ') || 'Hello World!';
    await send(channel, text);
    return `'${text}'`;
  });
}
