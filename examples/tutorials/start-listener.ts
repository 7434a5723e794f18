/**
 * What the three log receivers (fanout, direct, topic) share: declare one of the spec's
 * exclusive, server-named queues with its bindings through `declareRuntime`, and print what
 * arrives. Which messages a listener gets is decided by its bindings in the spec, not by
 * the program: change the YAML, not the code.
 */
import type { ChannelModel } from 'amqplib';
import { declareRuntime } from '../../src/runtime/declare-runtime.js';
import { runTutorial, type Running, type TutorialSpec } from './run-tutorial.js';

export interface Log {
  routingKey: string;
  text: string;
}

export interface Listener extends Running {
  /** The queue's name on the broker (`amq.gen-…` for a server-named queue). */
  queue: string;
}

/**
 * Declares the spec's runtime queue `listener` on a new channel of `conn` and consumes it
 * with automatic acknowledgement. The queue lives as long as `conn`.
 */
export async function startListener(
  conn: ChannelModel,
  spec: TutorialSpec,
  listener: string,
  onLog: (log: Log) => void,
): Promise<Listener> {
  const channel = await conn.createChannel();
  let queue: string;
  try {
    const { queues } = await declareRuntime(channel, spec.topology, { vhost: spec.vhost, queues: [listener] });
    queue = queues[listener]!;
  } catch (err) {
    await channel.close().catch(() => undefined);
    throw err;
  }
  await channel.consume(
    queue,
    (msg) => {
      if (msg) onLog({ routingKey: msg.fields.routingKey, text: msg.content.toString() });
    },
    { noAck: true },
  );
  return { queue, stop: () => channel.close() };
}

/**
 * Runs a receiver program (`program LISTENER`): listens with the spec's runtime queue named on
 * the command line and prints each log line with its routing key, until Ctrl-C.
 */
export function runReceiver(specFile: string, program: string): Promise<void> {
  return runTutorial(specFile, (conn, spec) =>
    startListener(conn, spec, listenerArgument(spec, program), (log) => console.log(` [x] ${log.routingKey}: '${log.text}'`)),
  );
}

/**
 * The listener a receiver program is asked for on its command line (`program LISTENER`);
 * without one, an error with the usage line, which lists the spec's runtime queues.
 */
function listenerArgument(spec: TutorialSpec, program: string): string {
  const listener = process.argv[2];
  if (!listener) throw new Error(`usage: ${program} LISTENER (one of: ${runtimeQueueNames(spec).join(', ')})`);
  return listener;
}

/** The spec's runtime queues a receiver can listen with. */
function runtimeQueueNames(spec: TutorialSpec): string[] {
  const vhost = spec.topology.vhosts.find((v) => v.name === spec.vhost);
  return (vhost?.queues ?? []).filter((q) => q.exclusive).map((q) => q.name);
}
