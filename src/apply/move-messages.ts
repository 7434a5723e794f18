import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { TopoError } from '../errors.js';
import { readyMessages } from './ready-messages.js';
import { republishOptions } from './republish-options.js';

/** How often a move asks whether the source queue has a ready message left. */
const EMPTY_CHECK_MS = 20;

export interface MoveOptions {
  /**
   * Messages delivered and not yet settled at once: it bounds memory (each one holds its
   * body) and sets the pace (bench/migration-suite.ts measured it).
   */
  prefetch: number;
  /** The AMQP user topo publishes as (see `republishOptions`). */
  user: string;
}

/**
 * Moves messages from queue `from` to queue `to` in the vhost of `model`, until `from` has no
 * ready message (and those on their way to this consumer are moved). Each delivery is republished to `to` through the
 * default exchange on a confirm channel, and acknowledged only once the broker confirmed the
 * copy: a message is always in one of the two queues, and in both only between the confirm
 * and the acknowledgement (an interruption there leaves a duplicate, never a gap). One
 * consumer and one publishing channel keep the order. Returns how many moved.
 *
 * A copy the broker refuses (nack) or returns (no queue `to`: mandatory) stops the move, and
 * it throws: that message, and every one whose copy was confirmed after a return (a return
 * does not say which message it was), goes back to `from`; unsettled deliveries are requeued
 * by the broker when the channel closes. `from` missing or deleted meanwhile: it stops there.
 */
export async function moveMessages(model: ChannelModel, from: string, to: string, options: MoveOptions): Promise<number> {
  const [publisher, consumer] = await Promise.all([model.createConfirmChannel(), model.createChannel()]);
  let returned = false;
  let inFlight = 0;
  let moved = 0;
  let failure: Error | undefined;
  let stopping = false;
  let cancelled = false;
  let ended = false;
  let consumerTag: string | undefined;

  let resolveMove!: (moved: number) => void;
  let rejectMove!: (error: Error) => void;
  const done = new Promise<number>((resolve, reject) => {
    resolveMove = resolve;
    rejectMove = reject;
  });

  const end = async (): Promise<void> => {
    if (ended) return;
    ended = true;
    clearInterval(timer);
    // The consumer first: its acknowledgements go out before its channel closes.
    for (const channel of [consumer, publisher]) await closeQuietly(channel);
    if (failure) rejectMove(failure);
    else resolveMove(moved);
  };
  const endWhenSettled = (): void => {
    if (cancelled && inFlight === 0) void end();
  };
  const stop = (error?: Error): void => {
    failure ??= error;
    if (stopping) return endWhenSettled();
    stopping = true;
    clearInterval(timer);
    // Deliveries the broker sent before the cancel still arrive, and are settled, before it resolves.
    const cancel = consumerTag === undefined ? Promise.resolve() : consumer.cancel(consumerTag).then(() => undefined);
    void cancel
      .catch(() => undefined)
      .then(() => {
        cancelled = true;
        endWhenSettled();
      });
  };

  publisher.on('return', () => {
    returned = true;
  });
  for (const [channel, role] of [
    [publisher, `publishing to queue "${to}"`],
    [consumer, `consuming queue "${from}"`],
  ] as const) {
    channel.on('error', (error: Error) => stop(new TopoError('amqp', `${role}: ${error.message}`)));
    channel.on('close', () => stop(new TopoError('amqp', `${role}: the channel closed`)));
  }

  const settle = (msg: ConsumeMessage, copied: boolean): void => {
    try {
      if (copied) consumer.ack(msg);
      else consumer.nack(msg, false, true);
    } catch {
      // The channel is closed: the broker has requeued every unsettled delivery of it.
    }
  };

  const onMessage = (msg: ConsumeMessage | null): void => {
    // null: the broker cancelled the consumer because the queue was deleted.
    if (msg === null) return stop();
    if (failure) return settle(msg, false);
    inFlight++;
    publisher.publish('', to, msg.content, republishOptions(msg.properties, options.user), (error: unknown) => {
      inFlight--;
      const problem = error
        ? `the broker refused a copy into queue "${to}"`
        : returned
          ? `a copy came back unroutable: queue "${to}" does not exist`
          : undefined;
      settle(msg, problem === undefined);
      if (problem === undefined) moved++;
      else stop(new TopoError('apply-failed', `${problem}; the messages not moved yet are kept in queue "${from}"`));
      endWhenSettled();
    });
  };

  let probing = false;
  const poll = (): void => {
    // Not waiting for nothing to be in flight: under a steady inflow (publishers addressing the
    // queue by name) that moment may never come. No ready message means every one is on its
    // way to this consumer (or another one): cancel, settle those, and let the caller delete.
    if (consumerTag === undefined || stopping || probing) return;
    probing = true;
    readyMessages(model, from).then(
      (ready) => {
        probing = false;
        // undefined: deleted under the move, nothing left to move.
        if (ready === undefined || ready === 0) stop();
      },
      (error: unknown) => stop(new TopoError('amqp', `counting queue "${from}": ${error instanceof Error ? error.message : String(error)}`)),
    );
  };

  // Declared before the first await below, so no event handler can see it uninitialized.
  const timer = setInterval(poll, EMPTY_CHECK_MS);
  try {
    await consumer.prefetch(options.prefetch);
    consumerTag = (await consumer.consume(from, onMessage, { noAck: false })).consumerTag;
  } catch {
    // The source does not exist (the broker closed the channel): nothing to move.
    ended = true;
    clearInterval(timer);
    for (const channel of [consumer, publisher]) await closeQuietly(channel);
    return 0;
  }
  return done;
}

async function closeQuietly(channel: Channel): Promise<void> {
  channel.removeAllListeners('close');
  try {
    await channel.close();
  } catch {
    // Already closed by the broker or with the connection.
  }
}
