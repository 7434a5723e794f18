/**
 * Tutorial 5, "Topics": a subscriber by pattern. The binding patterns (`*.orange.*`,
 * `lazy.#`…) are those of a runtime queue in topics.yaml; the program names the listener and
 * `declareRuntime` declares it with its bindings.
 *
 *   node dist/examples/tutorials/receive_logs_topic.js orange-listener
 */
import { isMain } from './run-tutorial.js';
import { runReceiver } from './start-listener.js';

// Listens to `topic_logs` through the runtime queue named on the command line (startListener).
if (isMain(import.meta.url)) await runReceiver('topics.yaml', 'receive_logs_topic.js');
