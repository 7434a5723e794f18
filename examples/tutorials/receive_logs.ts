/**
 * Tutorial 3, "Publish/Subscribe": a subscriber. Each run gets its own exclusive queue with
 * a name the broker picks, declared from the spec's `log-listener` with `declareRuntime` and
 * bound to `logs`, so every subscriber receives every log line; the queue disappears when
 * the program exits.
 *
 *   node dist/examples/tutorials/receive_logs.js
 */
import type { ChannelModel } from 'amqplib';
import { isMain, runTutorial, type TutorialSpec } from './run-tutorial.js';
import { startListener, type Listener, type Log } from './start-listener.js';

export const LOG_LISTENER = 'log-listener';

/** Subscribes to `logs` through a fresh server-named queue until `stop`. */
export function startLogReceiver(conn: ChannelModel, spec: TutorialSpec, onLog: (log: Log) => void): Promise<Listener> {
  return startListener(conn, spec, LOG_LISTENER, onLog);
}

if (isMain(import.meta.url)) {
  await runTutorial('publish-subscribe.yaml', (conn, spec) =>
    startLogReceiver(conn, spec, (log) => console.log(` [x] ${log.text}`)),
  );
}
