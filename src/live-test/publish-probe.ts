import type { ChannelModel, ConfirmChannel } from 'amqplib';
import type { RouteError } from '../routing/route.js';
import { TopoError } from '../errors.js';
import { amqpFailure, amqpReplyCode } from '../runtime/amqp-failure.js';
import type { RoutingTest } from '../model/topology.js';
import { amqpHeaders } from './amqp-headers.js';

/** Publishes the probe messages of one scratch vhost. */
export interface ProbePublisher {
  /**
   * Publishes `test`'s message (its exchange, routing key and typed headers) with id
   * `messageId` and waits for the broker's confirm: once it resolves, the message is in
   * every queue it was routed to. A publish the broker refuses by closing the channel
   * resolves with the same error the simulator reports (`unknown-exchange` for 404,
   * `internal-exchange` for 403, `invalid-routing-header` for a `CC`/`BCC` header of the
   * wrong type), and the next publish uses a new channel. Anything else throws a `TopoError`.
   */
  publish(test: RoutingTest, messageId: string): Promise<RouteError | undefined>;
  close(): Promise<void>;
}

/** A publisher on confirm channels of `model`; `vhost` (the spec's name) is for error messages. */
export function probePublisher(model: ChannelModel, vhost: string): ProbePublisher {
  let open: { channel: ConfirmChannel; closedBy: { error?: unknown } } | undefined;

  const channel = async () => {
    if (!open) {
      const created = await model.createConfirmChannel();
      const closedBy: { error?: unknown } = {};
      created.on('error', (error: unknown) => (closedBy.error = error));
      open = { channel: created, closedBy };
    }
    return open;
  };

  return {
    async publish(test, messageId) {
      const { channel: ch, closedBy } = await channel();
      try {
        await new Promise<void>((resolve, reject) => {
          ch.publish(
            test.exchange,
            test.routingKey,
            Buffer.from(`topo test --live: ${test.name}`),
            { messageId, headers: amqpHeaders(test.headers) },
            (error: unknown) => (error ? reject(error as Error) : resolve()),
          );
        });
        return undefined;
      } catch (error) {
        const cause = closedBy.error;
        if (cause === undefined && error instanceof Error && error.message === 'message nacked') {
          // Confirmed negatively: a queue refused it (reject-publish overflow), not the routing.
          throw new TopoError('amqp', `the broker refused the message of test "${test.name}" in vhost "${vhost}" (a queue is full?)`);
        }
        open = undefined;
        const refused = refusal(cause);
        if (refused) return refused;
        throw amqpFailure(`publishing the message of test "${test.name}" in vhost "${vhost}"`, cause ?? error);
      }
    },
    async close() {
      const current = open;
      open = undefined;
      await current?.channel.close().catch(() => undefined);
    },
  };
}

/** The routing error a channel closed by the broker stands for, if it is one. */
function refusal(error: unknown): RouteError | undefined {
  const text = error instanceof Error ? error.message : String(error);
  switch (amqpReplyCode(error)) {
    case 404:
      return 'unknown-exchange';
    case 403:
      return /internal exchange/.test(text) ? 'internal-exchange' : undefined;
    case 406:
      return /unacceptable_type_in_header/.test(text) ? 'invalid-routing-header' : undefined;
    default:
      return undefined;
  }
}
