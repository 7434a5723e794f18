/**
 * Tutorial 1, "Hello World!": the producer. Sends one message to the `hello` queue through
 * the default exchange, which routes by queue name. The queue itself is declared by
 * `topo apply` from hello-world.yaml, not by this program.
 *
 *   node dist/examples/tutorials/send.js [message]
 */
import type { ConfirmChannel } from 'amqplib';
import { isMain, runTutorial } from './run-tutorial.js';

export const HELLO_QUEUE = 'hello';

/** Sends `text` to the hello queue; resolves once the broker has confirmed it. */
export async function send(channel: ConfirmChannel, text: string): Promise<void> {
  channel.sendToQueue(HELLO_QUEUE, Buffer.from(text));
  await channel.waitForConfirms();
}

if (isMain(import.meta.url)) {
  await runTutorial('hello-world.yaml', async (conn) => {
    const text = process.argv.slice(2).join(' ') || 'Hello World!';
    await send(await conn.createConfirmChannel(), text);
    console.log(` [x] Sent '${text}'`);
  });
}
