import { afterAll, describe, expect, it } from 'vitest';
import { resolveConnection } from '../../../src/cli/resolve-connection.js';
import { runLiveTests } from '../../../src/live-test/run-live-tests.js';
import { runRoutingTests } from '../../../src/routing/run-routing-tests.js';
import type { TestResult } from '../../../src/routing/test-result.js';
import { loadTopology } from '../../../src/load/load-topology.js';
import type { RoutingTest, Topology } from '../../../src/model/topology.js';
import { AMQP_URL, enc, MGMT_URL, mgmt, PASSWORD, uniqueVhostName, USER } from '../../support/broker.js';
import { tempDir } from '../apply/support.js';
import { isScratchFor, topo, vhostNames, type TestsJson } from './support.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

/**
 * Routing corners the examples do not reach: topic words that are empty, exchange-to-
 * exchange cycles, alternate exchanges by argument and by policy, typed headers, built-in
 * exchanges, exclusive queues (named and server-named), quorum and stream queues, a
 * declared queue that matches `ignore`, sender-selected routing keys, and messages the
 * broker refuses. `V` is the vhost name.
 */
const richSpec = (v: string) => `
version: 1
vhosts:
  ${JSON.stringify(v)}:
    ignore: ["^debug\\\\."]
    exchanges:
      edges: { type: topic }
      hub: { type: topic, alternateExchange: lost }
      lost: { type: fanout, internal: true }
      ring-a: { type: fanout }
      ring-b: { type: fanout }
      typed: { type: headers }
      by-policy: { type: direct }
      fallback: { type: fanout }
      sealed: { type: direct, internal: true }
    queues:
      words: {}
      empty-key: {}
      lost: {}
      ring: { type: quorum }
      archive: { type: stream }
      ints: {}
      strings: {}
      flags: {}
      with-x: {}
      fell-back: {}
      builtin: {}
      debug.tap: {}
      session: { exclusive: true, durable: false }
      listener: { exclusive: true, serverNamed: true, durable: false }
    bindings:
      - { source: edges, destination: words, routingKeys: ["*.*", "a.*.b"] }
      - { source: edges, destination: empty-key, routingKey: "" }
      - { source: edges, destination: debug.tap, routingKey: debug }
      - { source: hub, destination: session, routingKey: "order.*" }
      - { source: hub, destination: listener, routingKey: "order.#" }
      - { source: hub, destination: ring-a, destinationType: exchange, routingKey: "ring.#" }
      - { source: ring-a, destination: ring-b, destinationType: exchange }
      - { source: ring-b, destination: ring-a, destinationType: exchange }
      - { source: ring-a, destination: ring }
      - { source: ring-b, destination: archive }
      - { source: ring-b, destination: ring }
      - { source: lost, destination: lost }
      - { source: typed, destination: ints, arguments: { x-match: all, count: 5 } }
      - { source: typed, destination: strings, arguments: { x-match: all, count: "5" } }
      - { source: typed, destination: flags, arguments: { x-match: any, urgent: true, level: 2.5 } }
      - { source: typed, destination: with-x, arguments: { x-match: all-with-x, x-kind: a } }
      - { source: fallback, destination: fell-back }
      - { source: amq.topic, destination: builtin, routingKey: "audit.*" }
    policies:
      fallback: { pattern: "^by-policy$", applyTo: exchanges, definition: { alternate-exchange: fallback } }
tests:
  - { name: two words, exchange: edges, routingKey: a.b, expect: [words] }
  - { name: a dot is two empty words, exchange: edges, routingKey: ".", expect: [words] }
  - { name: an empty middle word, exchange: edges, routingKey: a..b, expect: [words] }
  - { name: the empty key, exchange: edges, routingKey: "", expect: [empty-key] }
  - { name: three words, exchange: edges, routingKey: a.b.c, expect: [] }
  - { name: an ignored name still routes, exchange: edges, routingKey: debug, expect: [debug.tap] }
  - { name: exclusive queues, exchange: hub, routingKey: order.created, expect: [listener, session] }
  - { name: hash takes more words, exchange: hub, routingKey: order.x.y, expect: [listener] }
  - { name: a cycle delivers once, exchange: hub, routingKey: ring.x, expect: [archive, ring] }
  - { name: alternate exchange, exchange: hub, routingKey: nobody, expect: [lost] }
  - { name: CC adds a key, exchange: hub, routingKey: nobody, headers: { CC: [order.a] }, expect: [listener, session] }
  - { name: integer header, exchange: typed, headers: { count: 5 }, expect: [ints] }
  - { name: string header, exchange: typed, headers: { count: "5" }, expect: [strings] }
  - { name: boolean header, exchange: typed, headers: { urgent: true }, expect: [flags] }
  - { name: not a boolean, exchange: typed, headers: { urgent: "true" }, expect: [] }
  - { name: float header, exchange: typed, headers: { level: 2.5 }, expect: [flags] }
  - { name: x- headers count with -with-x, exchange: typed, headers: { x-kind: a }, expect: [with-x] }
  - { name: alternate exchange by policy, exchange: by-policy, routingKey: k, expect: [fell-back] }
  - { name: built-in exchange, exchange: amq.topic, routingKey: audit.x, expect: [builtin] }
  - { name: default exchange, exchange: "", routingKey: session, expect: [session] }
  - { name: no default route to a server-named queue, exchange: "", routingKey: listener, expect: [] }
`;

/** Messages RabbitMQ refuses; validation keeps them out of a spec, so they are added as data. */
const refusedTests = (vhost: string): RoutingTest[] =>
  (<Omit<RoutingTest, 'vhost' | 'expect'>[]>[
    { name: 'internal exchange', exchange: 'sealed', routingKey: 'k', headers: {} },
    { name: 'internal alternate exchange', exchange: 'lost', routingKey: '', headers: {} },
    { name: 'unknown exchange', exchange: 'nowhere', routingKey: '', headers: {} },
    { name: 'CC must be a list', exchange: 'hub', routingKey: 'nobody', headers: { CC: 'order.a' } },
    { name: 'BCC must be a list', exchange: 'edges', routingKey: 'a.b', headers: { BCC: 5 } },
    { name: 'an unknown exchange is reported first', exchange: 'nowhere', routingKey: '', headers: { CC: 'x' } },
    { name: 'then an internal one', exchange: 'sealed', routingKey: '', headers: { CC: 'x' } },
    { name: 'a valid message after refused ones', exchange: 'edges', routingKey: 'a.b', headers: {} },
  ]).map((t) => ({ ...t, vhost, expect: [] }));

describe('topo test --live agrees with offline', () => {
  it('on routing corners the examples do not reach', { timeout: 120_000 }, async () => {
    const vhost = uniqueVhostName('live-rich');
    const dir = await tempDir();
    cleanups.push(dir.dispose);
    const spec = await dir.file('rich.yaml', richSpec(vhost));

    const offline = await topo(['test', spec, '--json'], { broker: false });
    expect(offline.stderr).toBe('');
    const expected = JSON.parse(offline.stdout) as TestsJson;
    const live = await topo(['test', spec, '--live', '--json']);
    expect(live.stderr).toBe('');
    const got = JSON.parse(live.stdout) as TestsJson;

    expect(expected.summary.failed).toBe(0);
    expect(got.tests.map((t) => [t.name, t.got])).toEqual(expected.tests.map((t) => [t.name, t.got]));
    expect(got.summary).toEqual(expected.summary);
    expect(live.code).toBe(0);

    // Only scratch vhosts were used, and they are gone; the spec's own vhost never existed.
    const after = await vhostNames();
    expect(after.filter(isScratchFor(vhost))).toEqual([]);
    expect(after).not.toContain(vhost);
    await mgmt('GET', `/vhosts/${enc(vhost)}`, undefined, { expect: [404] });
  });

  it('on messages the broker refuses, which fail with the same error', { timeout: 120_000 }, async () => {
    const vhost = uniqueVhostName('live-refused');
    const dir = await tempDir();
    cleanups.push(dir.dispose);
    const loaded = await loadTopology([await dir.file('rich.yaml', richSpec(vhost))]);
    const topology: Topology = { ...loaded, tests: [...refusedTests(vhost), ...refusedTests('no-such-vhost')] };

    const view = (results: TestResult[]) =>
      results.map((r) => ({ name: r.name, vhost: r.test.vhost, passed: r.passed, got: r.got, error: r.error, errorSubject: r.errorSubject }));
    const offline = view(runRoutingTests(topology));
    const live = view(await runLiveTests(topology, resolveConnection({ url: [MGMT_URL], user: USER, password: PASSWORD, amqpUrl: AMQP_URL }, {})));
    expect(live).toEqual(offline);
    expect(live.map((r) => (r.vhost === vhost ? r.error ?? r.got.join() : r.error))).toEqual([
      'internal-exchange',
      'internal-exchange',
      'unknown-exchange',
      'invalid-routing-header',
      'invalid-routing-header',
      'unknown-exchange',
      'internal-exchange',
      'words',
      ...refusedTests('').map(() => 'unknown-vhost'),
    ]);
    expect((await vhostNames()).filter(isScratchFor(vhost))).toEqual([]);
  });
});
