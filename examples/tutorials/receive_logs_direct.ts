/**
 * Tutorial 4, "Routing": a subscriber to chosen severities. In the original tutorial the
 * severities come from the command line; here they are the bindings of a runtime queue in
 * routing.yaml (`error-logger` gets errors, `screen-logger` every severity), so which
 * listener receives what is reviewed with the rest of the topology. The program names the
 * listener; `declareRuntime` declares it with its bindings.
 *
 *   node dist/examples/tutorials/receive_logs_direct.js error-logger
 */
import type { ChannelModel } from 'amqplib';
import { isMain, runTutorial, type TutorialSpec } from './run-tutorial.js';
import { listenerArgument, startListener, type Listener, type Log } from './start-listener.js';

/** Listens to `direct_logs` through the spec's runtime queue `listener` until `stop`. */
export function startDirectReceiver(
  conn: ChannelModel,
  spec: TutorialSpec,
  listener: string,
  onLog: (log: Log) => void,
): Promise<Listener> {
  return startListener(conn, spec, listener, onLog);
}

if (isMain(import.meta.url)) {
  await runTutorial('routing.yaml', (conn, spec) => {
    const listener = listenerArgument(spec, 'receive_logs_direct.js');
    return startDirectReceiver(conn, spec, listener, (log) => console.log(` [x] ${log.routingKey}: '${log.text}'`));
  });
}
