import type { Channel } from 'amqplib';
import { TopoError } from '../errors.js';
import { queueDeclareArguments } from '../model/queue-declare-arguments.js';
import type { Arguments, Queue, Topology } from '../model/topology.js';
import { amqpFailure, amqpReplyCode } from './amqp-failure.js';
import { specVhost } from './spec-vhost.js';

/** What an application asks `declareRuntime` for. */
export interface DeclareRuntimeOptions {
  /**
   * The vhost the channel is open on (amqplib cannot tell); picks the spec's vhost whose
   * queues and bindings are declared. Must be a vhost of the spec.
   */
  vhost: string;
  /** Spec names of exclusive queues to declare; each must be `exclusive: true` in the spec. */
  queues: readonly string[];
}

/** What `declareRuntime` declared. */
export interface RuntimeDeclarations {
  /**
   * Spec name → the queue's name on the broker: the spec name itself, or for a
   * `serverNamed` queue the name the broker picked (`amq.gen-…`), valid only as long as the
   * channel's connection is open.
   */
  queues: Record<string, string>;
}

/**
 * Declares over an open amqplib channel the exclusive queues the spec describes, with their
 * arguments, and every binding of the spec (in that vhost) whose destination is one of them.
 * These are the queues `topo apply` cannot create: they live and die with the application's
 * connection. The exchanges the bindings use are the operators' job (`topo apply`); a missing
 * one fails here with a hint to run it.
 *
 * Every requested name is checked against the spec before anything is declared, so a
 * mistake declares nothing. A broker refusal closes the channel (as any AMQP error does) and
 * throws a TopoError with code `amqp`; queues declared before it stay until the connection
 * closes.
 */
export async function declareRuntime(
  channel: Channel,
  topology: Topology,
  options: DeclareRuntimeOptions,
): Promise<RuntimeDeclarations> {
  const vhost = specVhost(topology, options.vhost);
  const queues = runtimeQueues(vhost.queues, [...new Set(options.queues)], vhost.name);
  const names: Record<string, string> = {};

  for (const queue of queues) {
    try {
      const ok = await channel.assertQueue(queue.serverNamed ? '' : queue.name, declareOptions(queue));
      names[queue.name] = ok.queue;
    } catch (err) {
      throw amqpFailure(`declaring queue "${queue.name}" in vhost "${vhost.name}"`, err);
    }
  }

  for (const binding of vhost.bindings) {
    if (binding.destinationType !== 'queue') continue;
    const actual = names[binding.destination];
    if (actual === undefined) continue;
    try {
      await channel.bindQueue(actual, binding.source, binding.routingKey, { ...binding.arguments });
    } catch (err) {
      const hint = amqpReplyCode(err) === 404 ? ' (run topo apply)' : '';
      const what = `binding "${binding.source}" → "${binding.destination}" (routing key "${binding.routingKey}")`;
      throw amqpFailure(`declaring ${what} in vhost "${vhost.name}"`, err, hint);
    }
  }

  return { queues: names };
}

/** The spec's queues for the requested names, or one error naming every name that is wrong. */
function runtimeQueues(specQueues: readonly Queue[], requested: readonly string[], vhost: string): Queue[] {
  const found: Queue[] = [];
  const problems: string[] = [];
  for (const name of requested) {
    const queue = specQueues.find((q) => q.name === name);
    if (!queue) problems.push(`queue "${name}" is not in vhost "${vhost}" of the spec`);
    else if (!queue.exclusive)
      problems.push(
        `queue "${name}" in vhost "${vhost}" is not exclusive: shared queues are declared by topo apply, not at runtime`,
      );
    else found.push(queue);
  }
  if (problems.length > 0) {
    const runtime = specQueues.filter((q) => q.exclusive).map((q) => `"${q.name}"`);
    const known = runtime.length > 0 ? ` (runtime queues there: ${runtime.join(', ')})` : '';
    throw new TopoError('usage', `declareRuntime: ${problems.join('; ')}${known}`);
  }
  return found;
}

function declareOptions(queue: Queue): { exclusive: true; durable: boolean; autoDelete: boolean; arguments: Arguments } {
  return { exclusive: true, durable: queue.durable, autoDelete: queue.autoDelete, arguments: queueDeclareArguments(queue) };
}
