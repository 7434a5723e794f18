/**
 * Live traffic for the migration tests: a publisher that never stops and a consumer that
 * re-subscribes after its queue is deleted, both written the way docs/apply.md tells
 * applications to behave during a migration, and both reconnecting when the broker closes
 * their connection (RabbitMQ 3.10 and 4.3 close a consumer's connection with 541
 * INTERNAL_ERROR when it subscribes to a quorum queue in the instant after its declare). Every message
 * carries a unique id, so the test can prove where each one went.
 *
 * The publisher publishes through an exchange, with publisher confirms and `mandatory`:
 * what a migration guarantees (docs/apply.md: publishing to a queue by name through the
 * default exchange cannot be made safe across a delete, by RabbitMQ itself). A message the
 * broker returns, refuses or leaves unconfirmed (a connection lost) is published again.
 */
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';

export interface LiveTraffic {
  /** Ids the broker confirmed as routed to a queue (a returned message counts once republished). */
  readonly confirmed: Set<string>;
  /** How many times each id was delivered to the consumer. */
  readonly received: Map<string, number>;
  /** What happened to the clients, for the report. */
  readonly counts: () => { returns: number; cancels: number; reconnects: number };
  /** The consumer stops taking time over each message (to empty the queues at the end). */
  hurry(): void;
  /** Stops publishing and waits for every outstanding publish to be confirmed. */
  stopPublishing(): Promise<void>;
  /** Waits until every confirmed id was received, or `timeoutMs` passed; returns the ids still missing. */
  drained(timeoutMs: number): Promise<string[]>;
  /** Stops the consumer and closes both connections. */
  close(): Promise<void>;
}

export interface LiveTrafficOptions {
  /** Opens a new connection to the test vhost. */
  connect: () => Promise<ChannelModel>;
  exchange: string;
  /** The queues, each bound to `exchange` with its own name as routing key. */
  queues: readonly string[];
  /** Messages per second, spread over the queues. */
  rate: number;
  /**
   * How long the consumer works on each message before acknowledging it (with a prefetch of
   * `PREFETCH` per queue): a consumer that is not infinitely fast leaves a backlog to migrate.
   */
  workMs: number;
}

const TICK_MS = 10;
const RETRY_MS = 50;
const PREFETCH = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startLiveTraffic(options: LiveTrafficOptions): Promise<LiveTraffic> {
  const confirmed = new Set<string>();
  const received = new Map<string, number>();
  const counts = { returns: 0, cancels: 0, reconnects: 0 };
  let closing = false;
  let workMs = options.workMs;
  const models = new Set<ChannelModel>();

  /** A connection that is opened again whenever the broker closes it, until `close`. */
  const resilient = async (onOpen: (model: ChannelModel) => Promise<void>): Promise<void> => {
    const model = await options.connect();
    models.add(model);
    model.on('error', () => undefined);
    model.on('close', () => {
      models.delete(model);
      if (closing) return;
      counts.reconnects++;
      void (async () => {
        for (;;) {
          try {
            await sleep(RETRY_MS);
            return await resilient(onOpen);
          } catch {
            // Not reachable yet: try again.
          }
        }
      })();
    });
    await onOpen(model);
  };

  // Consumer: one channel per queue, acknowledgement after the id is recorded.
  const subscribe = async (model: ChannelModel, queue: string): Promise<void> => {
    while (!closing && models.has(model)) {
      let channel: Channel;
      try {
        channel = await model.createChannel();
      } catch {
        return; // The connection is gone: its reconnect subscribes again.
      }
      channel.on('error', () => undefined);
      try {
        await channel.prefetch(PREFETCH);
        await channel.consume(queue, (msg: ConsumeMessage | null) => {
          if (msg === null) {
            // The queue was deleted: subscribe again once it is back.
            counts.cancels++;
            void channel.close().catch(() => undefined);
            void sleep(RETRY_MS).then(() => subscribe(model, queue));
            return;
          }
          const id = String(msg.properties.messageId);
          received.set(id, (received.get(id) ?? 0) + 1);
          const ack = (): void => {
            try {
              channel.ack(msg);
            } catch {
              // The channel is gone: the message was delivered all the same.
            }
          };
          if (workMs > 0) setTimeout(ack, workMs);
          else ack();
        });
        return;
      } catch {
        // Not declared (yet): a 404 closed the channel; try again shortly.
        await sleep(RETRY_MS);
      }
    }
  };
  await resilient(async (model) => {
    await Promise.all(options.queues.map((queue) => subscribe(model, queue)));
  });

  // Publisher: unconfirmed, returned or refused messages are published again.
  let publisher: ConfirmChannel | undefined;
  const waiting: (() => void)[] = [];
  let outstanding = 0;
  const send = (id: string, queue: string): void => {
    if (!publisher) {
      waiting.push(() => send(id, queue));
      return;
    }
    const channel = publisher;
    outstanding++;
    const retry = (): void => {
      counts.returns++;
      setTimeout(() => {
        outstanding--;
        send(id, queue);
      }, RETRY_MS);
    };
    const onConfirm = (error: unknown): void => {
      if (error || returnedIds.delete(id)) return retry();
      outstanding--;
      confirmed.add(id);
    };
    const props = { persistent: true, messageId: id, mandatory: true };
    try {
      channel.publish(options.exchange, queue, Buffer.from(id), props, onConfirm);
    } catch {
      retry();
    }
  };
  const returnedIds = new Set<string>();
  await resilient(async (model) => {
    const channel = await model.createConfirmChannel();
    channel.on('error', () => undefined);
    channel.on('return', (msg) => returnedIds.add(String(msg.properties.messageId)));
    channel.on('close', () => {
      if (publisher === channel) publisher = undefined;
    });
    publisher = channel;
    for (const resend of waiting.splice(0)) resend();
  });

  let sequence = 0;
  const perTick = Math.max(1, Math.round((options.rate * TICK_MS) / 1000));
  const timer = setInterval(() => {
    for (let i = 0; i < perTick; i++) {
      const n = sequence++;
      send(`live-${n}`, options.queues[n % options.queues.length] as string);
    }
  }, TICK_MS);

  const missing = (): string[] => [...confirmed].filter((id) => !received.has(id));
  return {
    confirmed,
    received,
    counts: () => ({ ...counts }),
    hurry() {
      workMs = 0;
    },
    async stopPublishing() {
      clearInterval(timer);
      while (outstanding > 0 || waiting.length > 0) await sleep(10);
    },
    async drained(timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (missing().length > 0 && Date.now() < until) await sleep(100);
      return missing();
    },
    async close() {
      closing = true;
      clearInterval(timer);
      for (const model of [...models]) await model.close().catch(() => undefined);
    },
  };
}

/** Publishes `count` persistent messages with ids `<prefix>-<queue>-<n>` to each queue, with confirms; returns the ids. */
export async function prefill(model: ChannelModel, queues: readonly string[], count: number, prefix = 'pre'): Promise<string[]> {
  const channel = await model.createConfirmChannel();
  const ids: string[] = [];
  for (const queue of queues) {
    for (let n = 0; n < count; n++) {
      const id = `${prefix}-${queue}-${n}`;
      ids.push(id);
      if (!channel.sendToQueue(queue, Buffer.from(id), { persistent: true, messageId: id })) {
        await new Promise((resolve) => channel.once('drain', resolve));
      }
    }
    await channel.waitForConfirms();
  }
  await channel.close();
  return ids;
}

/** Duplicates delivered: deliveries beyond the first of each id. */
export function duplicates(received: ReadonlyMap<string, number>): number {
  let extra = 0;
  for (const times of received.values()) extra += times - 1;
  return extra;
}
