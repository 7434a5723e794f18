/**
 * Builds the shared part of a spec's vhost (exchanges, non-exclusive queues and the bindings
 * between them) through the management API: what `topo apply` will do, done here
 * independently so the runtime tests do not depend on it. Exclusive queues and their
 * bindings are left to `declareRuntime`, as in production.
 */
import type { Topology } from '../../../../src/model/topology.js';
import { enc, mgmt } from '../../../support/broker.js';

export async function provision(topology: Topology, vhost: string): Promise<void> {
  const v = topology.vhosts.find((x) => x.name === vhost);
  if (!v) throw new Error(`provision: vhost "${vhost}" is not in the topology`);
  const V = enc(vhost);
  for (const e of v.exchanges) {
    await mgmt('PUT', `/exchanges/${V}/${enc(e.name)}`, {
      type: e.type,
      durable: e.durable,
      auto_delete: e.autoDelete,
      internal: e.internal,
      arguments: e.arguments,
    });
  }
  const runtime = new Set(v.queues.filter((q) => q.exclusive).map((q) => q.name));
  for (const q of v.queues) {
    if (runtime.has(q.name)) continue;
    await mgmt('PUT', `/queues/${V}/${enc(q.name)}`, {
      durable: q.durable,
      auto_delete: q.autoDelete,
      arguments: { ...q.arguments, 'x-queue-type': q.type },
    });
  }
  for (const b of v.bindings) {
    if (b.destinationType === 'queue' && runtime.has(b.destination)) continue;
    const kind = b.destinationType === 'queue' ? 'q' : 'e';
    await mgmt('POST', `/bindings/${V}/e/${enc(b.source)}/${kind}/${enc(b.destination)}`, {
      routing_key: b.routingKey,
      arguments: b.arguments,
    });
  }
}
