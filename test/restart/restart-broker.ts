/**
 * Restarts the local broker's RabbitMQ application (`rabbitmqctl stop_app` then
 * `start_app`: the Erlang node stays up, every queue is recovered from disk as after a
 * reboot) and waits until both AMQP and the management API answer again.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import { mgmt } from '../support/broker.js';
import { amqpUrlFor } from '../integration/runtime/support/amqp.js';

const run = promisify(execFile);

async function rabbitmqctl(...args: string[]): Promise<void> {
  const env = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/usr/lib/rabbitmq/bin` };
  // rabbitmqctl needs the node's Erlang cookie, readable by root (or the rabbitmq user).
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['rabbitmqctl', args] : ['sudo', ['-n', 'rabbitmqctl', ...args]];
  await run(cmd, argv, { env, timeout: 60_000 });
}

async function until(what: string, check: () => Promise<unknown>, deadlineMs = 60_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > end) throw new Error(`${what} did not come back: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Restarts the broker application; resolves once `vhost` accepts AMQP connections again. */
export async function restartBroker(vhost: string): Promise<void> {
  await rabbitmqctl('stop_app');
  await rabbitmqctl('start_app');
  await until('AMQP', async () => {
    const conn = await amqp.connect(amqpUrlFor(vhost));
    await conn.close();
  });
  await until('the management API', () => mgmt('GET', '/overview'));
}
