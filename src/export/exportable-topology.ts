import type { Queue, Topology, Vhost } from '../model/topology.js';
import { isBrokerOwnedExchange, isServerNamedQueue } from '../model/broker-owned.js';
import { exportableParameters } from './exportable-parameters.js';
import type { NotExported } from './not-exported.js';

/**
 * The part of a broker's Topology that belongs in a spec: everything except what cannot be
 * declared through the management API or exists only at runtime. Leaves out
 * - exclusive queues and server-named `amq.gen-*` queues (they live and die with a
 *   connection; applications declare them), with the bindings to them;
 * - the default exchange and built-in `amq.*` exchanges (the broker refuses to declare them;
 *   bindings *from* a built-in exchange stay, the spec may use them as sources);
 * - bindings from the default exchange (implicit, one per queue);
 * - shovels and federation upstreams the format cannot say (AMQP 1.0 shovels, keys topo does
 *   not know): added to `notExported`, never dropped silently.
 * Pure: returns new arrays, never mutates its input (it only adds to `notExported`).
 */
export function exportableTopology(topology: Topology, notExported: NotExported[] = []): Topology {
  return { ...topology, vhosts: topology.vhosts.map((v) => exportableVhost(v, notExported)) };
}

function exportableVhost(vhost: Vhost, notExported: NotExported[]): Vhost {
  const dropped = new Set(vhost.queues.filter(isRuntimeQueue).map((q) => q.name));
  const parameters = exportableParameters(vhost, notExported);
  return {
    ...vhost,
    ...parameters,
    exchanges: vhost.exchanges.filter((x) => !isBrokerOwnedExchange(x.name)),
    queues: vhost.queues.filter((q) => !dropped.has(q.name)),
    bindings: vhost.bindings.filter(
      (b) => b.source !== '' && !(b.destinationType === 'queue' && dropped.has(b.destination)),
    ),
  };
}

function isRuntimeQueue(q: Queue): boolean {
  return q.exclusive || isServerNamedQueue(q.name);
}
