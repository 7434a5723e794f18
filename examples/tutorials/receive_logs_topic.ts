/**
 * Tutorial 5, "Topics": a subscriber by pattern. The binding patterns (`*.orange.*`,
 * `lazy.#`…) are those of a runtime queue in topics.yaml; the program names the listener and
 * `declareRuntime` declares it with its bindings.
 *
 *   node dist/examples/tutorials/receive_logs_topic.js orange-listener
 */
import type { ChannelModel } from 'amqplib';
import { isMain, runTutorial, type TutorialSpec } from './run-tutorial.js';
import { listenerArgument, startListener, type Listener, type Log } from './start-listener.js';

/** Listens to `topic_logs` through the spec's runtime queue `listener` until `stop`. */
export function startTopicReceiver(
  conn: ChannelModel,
  spec: TutorialSpec,
  listener: string,
  onLog: (log: Log) => void,
): Promise<Listener> {
  return startListener(conn, spec, listener, onLog);
}

if (isMain(import.meta.url)) {
  await runTutorial('topics.yaml', (conn, spec) => {
    const listener = listenerArgument(spec, 'receive_logs_topic.js');
    return startTopicReceiver(conn, spec, listener, (log) => console.log(` [x] ${log.routingKey}: '${log.text}'`));
  });
}
