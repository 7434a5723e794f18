/**
 * Tutorial 1, "Hello World!": the consumer. Prints every message of the `hello` queue,
 * acknowledged automatically on delivery.
 *
 *   node dist/examples/tutorials/receive.js
 */
import type { ChannelModel } from 'amqplib';
import { HELLO_QUEUE } from './send.js';
import { isMain, runTutorial, type Running } from './run-tutorial.js';

/** Consumes the hello queue, calling `onMessage` with each body, until `stop`. */
export async function startReceiver(conn: ChannelModel, onMessage: (text: string) => void): Promise<Running> {
  const channel = await conn.createChannel();
  await channel.consume(
    HELLO_QUEUE,
    (msg) => {
      if (msg) onMessage(msg.content.toString());
    },
    { noAck: true },
  );
  return { stop: () => channel.close() };
}

if (isMain(import.meta.url)) {
  await runTutorial('hello-world.yaml', (conn) =>
    startReceiver(conn, (text) => console.log(` [x] Received '${text}'`)),
  );
}
