import type { ChannelModel, ConsumeMessage } from 'amqplib';
import { TopoError } from '../errors.js';
import { amqpFailure } from '../runtime/amqp-failure.js';
import type { QueueType } from '../model/topology.js';
import { untilAborted } from './until-aborted.js';

/** Unacknowledged deliveries per consumer; streams need a limit, and a few probes need no more. */
const PREFETCH = 500;

/** A queue to watch, by the name the broker knows it by. */
export interface WatchedQueue {
  name: string;
  type: QueueType;
}

/**
 * Consumers on every queue of a scratch vhost, recording which queue got which message.
 * Consuming (rather than `basic.get`) works for every queue type, streams included, and
 * keeps queues empty, so length limits do not drop probes.
 */
export interface QueueWatch {
  /** Broker names of the watched queues that have delivered message `messageId` so far. */
  queuesWith(messageId: string): string[];
  /**
   * Resolves once every watched queue has delivered every message it held when `settle` was
   * called. A queue delivers in order, so a marker message is sent to each queue through
   * the default exchange and waited for: what arrives before it was there before it.
   * Rejects with a `TopoError` when a queue refuses the marker, or does not deliver it
   * within `timeoutMs` (a queue that drops messages: TTL, length limit), or when `signal`
   * aborts.
   */
  settle(signal?: AbortSignal): Promise<void>;
}

export interface WatchOptions {
  /** How long `settle` waits for the markers. */
  timeoutMs: number;
  /** Unique to this run; marker message ids start with it. */
  idPrefix: string;
  /** The spec's name of the vhost, for error messages. */
  vhost: string;
}

interface Marker {
  id: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Starts a consumer on each of `queues` over `model` (which must be the connection that owns
 * any exclusive queue among them). Stream queues are read from their first message. The
 * consumers live as long as the connection.
 */
export async function watchQueues(model: ChannelModel, queues: readonly WatchedQueue[], options: WatchOptions): Promise<QueueWatch> {
  const channel = await model.createChannel();
  const landed = new Map<string, Set<string>>();
  const markers = new Map<string, Marker>();
  let broken: TopoError | undefined;
  const breakWith = (error: TopoError) => {
    broken ??= error;
    for (const marker of markers.values()) marker.reject(broken);
    markers.clear();
  };
  channel.on('error', (error: unknown) => breakWith(amqpFailure(`reading the queues of vhost "${options.vhost}"`, error)));

  const deliver = (queue: string, message: ConsumeMessage | null): void => {
    if (message === null) {
      breakWith(new TopoError('amqp', `queue "${queue}" of vhost "${options.vhost}" was deleted while the probes ran`));
      return;
    }
    channel.ack(message);
    const id: unknown = message.properties.messageId;
    if (typeof id !== 'string') return;
    const marker = markers.get(queue);
    if (marker?.id === id) {
      markers.delete(queue);
      marker.resolve();
      return;
    }
    landed.set(id, (landed.get(id) ?? new Set()).add(queue));
  };

  try {
    await channel.prefetch(PREFETCH);
    for (const queue of queues) {
      await channel.consume(queue.name, (message) => deliver(queue.name, message), {
        noAck: false,
        ...(queue.type === 'stream' ? { arguments: { 'x-stream-offset': 'first' } } : {}),
      });
    }
  } catch (error) {
    throw broken ?? amqpFailure(`consuming from the queues of vhost "${options.vhost}"`, error);
  }

  let rounds = 0;
  return {
    queuesWith: (messageId) => [...(landed.get(messageId) ?? [])],
    async settle(signal) {
      if (broken) throw broken;
      const id = `${options.idPrefix}-marker-${++rounds}`;
      const arrived = queues.map(
        (queue) => new Promise<void>((resolve, reject) => markers.set(queue.name, { id, resolve, reject })),
      );
      // Every marker is handled (an unhandled rejection would end the process); `all` reports the first failure.
      arrived.forEach((p) => p.catch(() => undefined));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          const late = [...markers.keys()].map((q) => `"${q}"`);
          reject(
            new TopoError(
              'amqp',
              `queue${late.length > 1 ? 's' : ''} ${late.join(', ')} of vhost "${options.vhost}" did not deliver a message sent to it within ${options.timeoutMs} ms (does it drop messages: TTL, length limit?)`,
            ),
          );
        }, options.timeoutMs);
      });
      timeout.catch(() => undefined);
      try {
        await untilAborted(sendMarkers(model, queues, id, options.vhost), signal);
        await untilAborted(Promise.race([Promise.all(arrived), timeout]), signal);
      } finally {
        clearTimeout(timer);
        markers.clear();
      }
    },
  };
}

/** Publishes marker `id` to each queue through the default exchange and waits for the confirms. */
async function sendMarkers(model: ChannelModel, queues: readonly WatchedQueue[], id: string, vhost: string): Promise<void> {
  const channel = await model.createConfirmChannel();
  let closedBy: unknown;
  channel.on('error', (error: unknown) => (closedBy = error));
  const confirms = queues.map(
    (queue) =>
      new Promise<void>((resolve, reject) => {
        channel.publish('', queue.name, Buffer.alloc(0), { messageId: id }, (error: unknown) => {
          if (!error) return resolve();
          reject(
            closedBy
              ? amqpFailure(`sending a marker message to queue "${queue.name}" of vhost "${vhost}"`, closedBy)
              : new TopoError('amqp', `queue "${queue.name}" of vhost "${vhost}" refused a message (is it full?)`),
          );
        });
      }),
  );
  confirms.forEach((p) => p.catch(() => undefined));
  await Promise.all(confirms);
  await channel.close();
}
