/**
 * Keys written in a spec are kept exactly or refused at their place, never dropped on the
 * way: names of Object.prototype members are ordinary keys from the spec to the plan, and
 * "__proto__", which no plain object can hold as a key, is refused.
 */
import { describe, expect, it } from 'vitest';
import { normalizeTopology } from '../../../src/model/normalized-topology.js';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import { planChanges } from '../../../src/plan/plan-changes.js';
import { renderJson } from '../../../src/render/render-json.js';
import { runRoutingTests } from '../../../src/routing/run-routing-tests.js';
import { lines, topologyOf, validateYaml } from './spec-helpers.js';

const SPEC = `vhosts:
  prototype:
    exchanges:
      constructor: { type: headers, arguments: { constructor: x } }
    queues:
      toString: { arguments: { constructor: 1, prototype: 2 } }
    bindings:
      - { source: constructor, destination: toString, arguments: { x-match: all, constructor: "yes" } }
    policies:
      hasOwnProperty: { pattern: ".*", definition: { constructor: 1, valueOf: 2 } }
tests:
  - { exchange: constructor, headers: { constructor: "yes" }, expect: [toString] }
  - { exchange: constructor, headers: { prototype: "yes" }, expect: [] }
`;

describe('keys named like Object.prototype members', () => {
  it('are kept in names, arguments, definitions and headers of the normalized topology', () => {
    const topology = topologyOf(SPEC);
    const [vhost] = topology.vhosts;
    expect(vhost?.name).toBe('prototype');
    expect(vhost?.exchanges.map((e) => [e.name, e.arguments])).toEqual([['constructor', { constructor: 'x' }]]);
    expect(vhost?.queues.map((q) => [q.name, Object.entries(q.arguments)])).toEqual([['toString', [['constructor', 1], ['prototype', 2]]]]);
    expect(vhost?.bindings.map((b) => Object.entries(b.arguments))).toEqual([[['constructor', 'yes'], ['x-match', 'all']]]);
    expect(vhost?.policies.map((p) => [p.name, Object.entries(p.definition)])).toEqual([['hasOwnProperty', [['constructor', 1], ['valueOf', 2]]]]);
    expect(topology.tests.map((t) => Object.entries(t.headers))).toEqual([[['constructor', 'yes']], [['prototype', 'yes']]]);
  });

  it('reach the plan as written, and route as written', () => {
    const topology = topologyOf(SPEC);
    const plan = planChanges(diffTopology(topology, normalizeTopology({ vhosts: [], tests: [] })), { prune: false, allowReplace: false, allowDataLoss: false }, {
      vhosts: ['prototype'],
      fingerprint: 'f',
      messages: new Map(),
    });
    const json = JSON.parse(renderJson(plan)) as { changes: { kind: string; name?: string; after?: { arguments?: object; definition?: object } }[] };
    const after = (kind: string) => json.changes.find((c) => c.kind === kind)?.after;
    expect(after('exchange')?.arguments).toEqual({ constructor: 'x' });
    expect(after('queue')?.arguments).toEqual({ constructor: 1, prototype: 2 });
    expect(after('binding')?.arguments).toEqual({ constructor: 'yes', 'x-match': 'all' });
    expect(after('policy')?.definition).toEqual({ constructor: 1, valueOf: 2 });
    expect(runRoutingTests(topology).map((r) => r.passed)).toEqual([true, true]);
  });
});

describe('the key "__proto__"', () => {
  it('is refused at its place in every mapping of a spec', () => {
    const spec = `vhosts:
  /:
    queues:
      q: { arguments: { __proto__: { x: 1 } } }
    exchanges:
      __proto__: { type: direct }
    bindings:
      - { source: amq.headers, destination: q, arguments: { __proto__: 1 } }
    policies:
      p: { pattern: ".*", definition: { __proto__: 1, message-ttl: 5 } }
tests:
  - { exchange: amq.headers, headers: { __proto__: 1 }, expect: [] }
`;
    const why = 'key "__proto__" is not allowed: JavaScript reads it as an object\'s prototype, so topo cannot keep it';
    expect(lines(validateYaml(spec))).toEqual([
      `spec.yaml:4:25: queue "q": arguments: ${why}`,
      `spec.yaml:6:7: vhost "/": exchanges: ${why}`,
      `spec.yaml:8:61: binding #1: arguments: ${why}`,
      `spec.yaml:10:41: policy "p": definition: ${why}`,
      `spec.yaml:12:41: test #1: headers: ${why}`,
    ]);
  });
});
