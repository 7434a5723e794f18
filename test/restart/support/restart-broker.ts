/**
 * Restarts the throwaway node's RabbitMQ application (`rabbitmqctl stop_app` then
 * `start_app`: the Erlang node stays up, every queue is recovered from disk as after a
 * reboot) and waits until both AMQP and the management API answer again. Only ever the
 * throwaway node of the restart tier (./global-setup.ts), never the host's broker.
 */
import amqp from 'amqplib';
import { mgmt } from '../../support/broker.js';
import { amqpUrlFor } from '../../integration/runtime/support/amqp.js';
import { currentThrowawayPlace, throwawayNode } from './throwaway-node.js';

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
  const place = currentThrowawayPlace();
  await throwawayNode(place, 'ctl', 'stop_app');
  await throwawayNode(place, 'ctl', 'start_app');
  await until('AMQP', async () => {
    const conn = await amqp.connect(amqpUrlFor(vhost));
    await conn.close();
  });
  await until('the management API', () => mgmt('GET', '/overview'));
}
