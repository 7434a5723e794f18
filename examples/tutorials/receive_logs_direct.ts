/**
 * Tutorial 4, "Routing": a subscriber to chosen severities. In the original tutorial the
 * severities come from the command line; here they are the bindings of a runtime queue in
 * routing.yaml (`error-logger` gets errors, `screen-logger` every severity), so which
 * listener receives what is reviewed with the rest of the topology. The program names the
 * listener; `declareRuntime` declares it with its bindings.
 *
 *   node dist/examples/tutorials/receive_logs_direct.js error-logger
 */
import { isMain } from './run-tutorial.js';
import { runReceiver } from './start-listener.js';

// Listens to `direct_logs` through the runtime queue named on the command line (startListener).
if (isMain(import.meta.url)) await runReceiver('routing.yaml', 'receive_logs_direct.js');
