import type { Topology } from '../../../../src/model/topology.js';

/** The same topology with one vhost renamed, so a spec's objects can be built in a scratch vhost. */
export function retarget(topology: Topology, from: string, to: string): Topology {
  const move = <T extends { vhost: string }>(o: T): T => (o.vhost === from ? { ...o, vhost: to } : o);
  return {
    vhosts: topology.vhosts.map((v) =>
      v.name !== from
        ? v
        : {
            ...v,
            name: to,
            exchanges: v.exchanges.map(move),
            queues: v.queues.map(move),
            bindings: v.bindings.map(move),
            policies: v.policies.map(move),
            operatorPolicies: v.operatorPolicies.map(move),
          },
    ),
    tests: topology.tests.map(move),
  };
}
