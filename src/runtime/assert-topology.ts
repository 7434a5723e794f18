import type { Channel } from 'amqplib';
import { TopoError } from '../errors.js';
import type { Topology } from '../model/topology.js';
import { amqpFailure, amqpReplyCode } from './amqp-failure.js';
import { specVhost } from './spec-vhost.js';

/**
 * Whatever opens channels on a connection to the application's vhost: the `ChannelModel`
 * that amqplib's `connect` returns (or its recovering variant), or your own factory object.
 * `assertTopology` needs a source of channels rather than one channel because a failed
 * passive declare makes the broker close the channel it ran on.
 */
export interface ChannelSource {
  createChannel(): Promise<Channel>;
}

export interface AssertTopologyOptions {
  /** The vhost the connection is open on (amqplib cannot tell); picks the spec's vhost. */
  vhost: string;
}

/** At most this many checks run at once, each lane on its own channel. */
const LANES = 4;

interface Check {
  kind: 'exchange' | 'queue';
  name: string;
}

/**
 * Checks at application start that every exchange and every shared (non-exclusive) queue the
 * spec declares in the vhost exists on the broker, with passive declares: nothing is created
 * and no property is compared (`topo plan` compares properties). Exclusive queues are left
 * out: the application declares them itself with `declareRuntime`.
 *
 * Resolves when everything exists; otherwise throws one TopoError (code `broker-not-found`)
 * listing everything missing, e.g.
 * `missing on the broker in vhost "v": exchange "x", queue "q" (run topo apply)`.
 * Any other refusal (permissions, a closed connection) throws a TopoError with code `amqp`.
 * Every channel it opens is closed before it returns.
 */
export async function assertTopology(
  connection: ChannelSource,
  topology: Topology,
  options: AssertTopologyOptions,
): Promise<void> {
  const vhost = specVhost(topology, options.vhost);
  const checks: Check[] = [
    ...vhost.exchanges.map((e): Check => ({ kind: 'exchange', name: e.name })),
    ...vhost.queues.filter((q) => !q.exclusive).map((q): Check => ({ kind: 'queue', name: q.name })),
  ];
  const missing = new Set<number>();
  let next = 0;

  const lane = async (): Promise<void> => {
    let channel: Channel | undefined;
    try {
      for (let i = next++; i < checks.length; i = next++) {
        const check = checks[i]!;
        channel ??= await openChannel(connection);
        try {
          if (check.kind === 'exchange') await channel.checkExchange(check.name);
          else await channel.checkQueue(check.name);
        } catch (err) {
          if (amqpReplyCode(err) !== 404) throw amqpFailure(`checking ${describe(check)} in vhost "${vhost.name}"`, err);
          missing.add(i);
          // The broker closed the channel with the 404; the next check needs a new one.
          channel = undefined;
        }
      }
    } finally {
      await channel?.close().catch(() => undefined);
    }
  };

  const lanes = await Promise.allSettled(Array.from({ length: Math.min(LANES, checks.length) }, lane));
  for (const result of lanes) if (result.status === 'rejected') throw result.reason;

  if (missing.size > 0) {
    const list = checks.filter((_, i) => missing.has(i)).map(describe);
    throw new TopoError('broker-not-found', `missing on the broker in vhost "${vhost.name}": ${list.join(', ')} (run topo apply)`);
  }
}

async function openChannel(connection: ChannelSource): Promise<Channel> {
  let channel: Channel;
  try {
    channel = await connection.createChannel();
  } catch (err) {
    throw amqpFailure('opening a channel to check the topology', err);
  }
  // A 404 reaches us as the rejected check; amqplib also emits it as an 'error' event, which
  // it would rethrow from its socket handler if nobody listened.
  channel.on('error', () => undefined);
  return channel;
}

function describe(check: Check): string {
  return `${check.kind} "${check.name}"`;
}
