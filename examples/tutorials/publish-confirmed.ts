/**
 * What the tutorials' producers share: publish with publisher confirms, so that a program
 * that says " [x] Sent" knows the broker has the message, and the command-line run of a
 * producer (connect, publish once, print, close), also with a routing key first.
 */
import type { ConfirmChannel, Options } from 'amqplib';
import { runTutorial } from './run-tutorial.js';

/** Publishes `text`; resolves once the broker has confirmed it. */
export async function publishConfirmed(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  text: string,
  options?: Options.Publish,
): Promise<void> {
  channel.publish(exchange, routingKey, Buffer.from(text), options);
  await channel.waitForConfirms();
}

/**
 * Runs a producer program against its spec file: `send` gets a confirm channel and the
 * command line's words, publishes, and returns what it sent, printed as ` [x] Sent …`.
 */
export async function runProducer(specFile: string, send: (channel: ConfirmChannel, words: string[]) => Promise<string>): Promise<void> {
  await runTutorial(specFile, async (conn) => {
    const sent = await send(await conn.createConfirmChannel(), process.argv.slice(2));
    console.log(` [x] Sent ${sent}`);
  });
}

/**
 * Runs a producer of tutorials 4 and 5, whose command line is `[routing key] [message]`:
 * `publish` sends the message with that key (`defaultKey` when none is given), and it is
 * printed as ` [x] Sent key: 'message'`, as in the original tutorials.
 */
export async function runRoutedProducer(
  specFile: string,
  defaultKey: string,
  publish: (channel: ConfirmChannel, routingKey: string, text: string) => Promise<void>,
): Promise<void> {
  await runProducer(specFile, async (channel, [routingKey = defaultKey, ...words]) => {
    const text = words.join(' ') || 'Hello World!';
    await publish(channel, routingKey, text);
    return `${routingKey}: '${text}'`;
  });
}
