/**
 * Property: a Topology written by topologyToYaml and read back by the spec loader is the same
 * Topology. Checked on the sample, on names YAML and the loader could misread, and on seeded
 * random valid topologies.
 */
import { describe, expect, it } from 'vitest';
import { topologyToYaml } from '../../../src/export/topology-to-yaml.js';
import { formatDiagnostic } from '../../../src/load/diagnostic.js';
import type { ArgumentValue, Arguments, Exchange, Queue, Topology, Vhost } from '../../../src/model/topology.js';
import { compareStrings } from '../../../src/text/compare-strings.js';
import { validateSpecSources } from '../../../src/load/validate-spec-sources.js';
import { binding, exchange, policy, queue, topology, vhost } from '../../support/builders.js';
import { pick, random, type Random } from '../plan/random-topology.js';
import { sampleTopology } from './sample.js';

/** Loads spec text with the real loader (no files, no environment). */
function load(text: string): Topology {
  const result = validateSpecSources([{ file: 'export.yaml', text }], { vars: {}, env: {} });
  if (!result.ok) throw new Error(`${result.errors.map(formatDiagnostic).join('\n')}\n--- in ---\n${text}`);
  return withoutLocations(result.topology);
}

function withoutLocations<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'loc' ? undefined : v))) as T;
}

function expectRoundTrip(t: Topology): void {
  const text = topologyToYaml(t, { schemaPath: 'topology.schema.json' });
  expect(load(text)).toEqual(withoutLocations(t));
}

// Strings YAML 1.1/1.2 would read as another type or as syntax, and strings the loader
// would read as an `${env:…}`/`${var:…}` reference or its `$${` escape.
const ODD = [
  'yes', 'No', 'on', 'y', '1', '08', '1.5', '1e3', '0x1f', '.nan', 'null', '~', 'true', '#', '# c', 'a #b', '*', '&a',
  '!x', '%', '100%', '/', 'a/b', '-', '- x', '? x', 'a: b', '[x]', '{x}', '"q"', "it's", ' lead', 'trail ', 'ü',
  '注文', '🐇', '${env:HOME}', '$${x}', 'a${var:y', '$', '<<', '|', '>', '@', '`', 'line\nbreak', 'tab\tx',
];

describe('export then load gives the same Topology', () => {
  it('for the sample with every feature', () => {
    expectRoundTrip(sampleTopology());
  });

  it.each(ODD)('for the name %j everywhere a name goes', (name) => {
    const t = topology(
      vhost({
        name,
        description: name,
        tags: [name],
        ignore: [`^${name.replace(/[^\w]/g, '.')}$`],
        exchanges: [
          exchange({ name: `x${name}`, type: 'topic', arguments: { 'alternate-exchange': `y${name}` } }),
          exchange({ name: `y${name}`, type: 'headers' }),
        ],
        queues: [queue({ name, arguments: { 'x-dead-letter-exchange': `x${name}`, [`x-${name}`]: name } })],
        bindings: [
          binding({ source: `x${name}`, destination: name, routingKey: name }),
          binding({ source: `x${name}`, destination: name, routingKey: `${name}.*` }),
          binding({ source: `y${name}`, destination: name, arguments: { 'x-match': 'any', [name]: name } }),
          binding({ source: `x${name}`, destination: `y${name}`, destinationType: 'exchange', routingKey: name }),
        ],
        policies: [policy({ name, pattern: '.', definition: { 'dead-letter-routing-key': name } })],
      }),
    );
    t.tests = [{ name, vhost: name, exchange: `x${name}`, routingKey: name, headers: { [name]: name }, expect: [name] }];
    expectRoundTrip(t);
  });

  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('for random topology #%i', (seed) => {
    expectRoundTrip(randomValidTopology(random(seed)));
  });
});

const some = <T>(next: Random, list: readonly T[], p = 0.5): T[] => list.filter(() => next() < p);

function randomValue(next: Random, depth = 0): ArgumentValue {
  switch (Math.floor(next() * (depth > 1 ? 5 : 7))) {
    case 0:
      return pick(next, ODD);
    case 1:
      return pick(next, [0, 1, -7, 2 ** 33]);
    case 2:
      return pick(next, [1.5, -0.25]);
    case 3:
      return next() < 0.5;
    case 4:
      return null;
    case 5:
      return [randomValue(next, depth + 1), randomValue(next, depth + 1)];
    default:
      return { [pick(next, ODD)]: randomValue(next, depth + 1) };
  }
}

function randomArgs(next: Random, known: Arguments): Arguments {
  const out: Arguments = {};
  for (const [k, v] of Object.entries(known)) if (next() < 0.4) out[k] = v;
  if (next() < 0.3) out[`x-${pick(next, ODD)}`] = randomValue(next);
  return out;
}

/** A random topology the spec rules accept: quorum queues and streams durable, endpoints declared. */
function randomValidTopology(next: Random): Topology {
  const vhosts = some(next, ['/', 'prod', ...ODD.slice(0, 12)], 0.25).map((name): Vhost => {
    const exchanges: Exchange[] = some(next, ODD, 0.15).map((n) => {
      const type = pick(next, ['direct', 'fanout', 'topic', 'headers', 'x-delayed-message']);
      return exchange({
        name: `x${n}`,
        type,
        durable: next() < 0.8,
        autoDelete: next() < 0.2,
        internal: next() < 0.2,
        arguments: type === 'x-delayed-message' ? { 'x-delayed-type': 'topic' } : randomArgs(next, {}),
      });
    });
    const queues: Queue[] = some(next, ODD, 0.2).map((n) => {
      const type = pick(next, ['classic', 'classic', 'quorum', 'stream'] as const);
      if (type === 'quorum') return queue({ name: n, type, arguments: randomArgs(next, { 'x-delivery-limit': 5 }) });
      if (type === 'stream') return queue({ name: n, type, arguments: randomArgs(next, { 'x-max-age': '7D' }) });
      const exclusive = next() < 0.2;
      return queue({
        name: n,
        durable: next() < 0.7,
        autoDelete: next() < 0.2,
        exclusive,
        serverNamed: exclusive && next() < 0.5,
        arguments: randomArgs(next, { 'x-message-ttl': 60000, 'x-max-length': 10, 'x-overflow': 'reject-publish' }),
      });
    });
    const sources = [...exchanges.map((x) => x.name), 'amq.topic', 'amq.headers'];
    const seen = new Set<string>();
    const bindings = Array.from({ length: 12 }, () => {
      const toExchange = next() < 0.3 || queues.length === 0;
      if (toExchange && exchanges.length === 0) return undefined;
      const source = pick(next, sources);
      const headers = source === 'amq.headers' || exchanges.find((x) => x.name === source)?.type === 'headers';
      const b = binding({
        source,
        destination: toExchange ? pick(next, exchanges).name : pick(next, queues).name,
        destinationType: toExchange ? 'exchange' : 'queue',
        routingKey: pick(next, ['', '#', 'a.*', ...ODD]),
        arguments: headers && next() < 0.7 ? { 'x-match': pick(next, ['all', 'any']), ...randomArgs(next, {}) } : {},
      });
      const key = JSON.stringify(b);
      if (seen.has(key)) return undefined;
      seen.add(key);
      return b;
    }).filter((b) => b !== undefined);
    const randomPolicy = (n: string) =>
      policy({
        name: n,
        pattern: pick(next, ['^a', '.*', '\\.']),
        applyTo: pick(next, ['queues', 'exchanges', 'all', 'classic_queues', 'quorum_queues', 'streams'] as const),
        priority: pick(next, [0, 1, -3, 10]),
        definition: { 'max-length': 5, ...randomArgs(next, { 'message-ttl': 1000, 'queue-mode': 'lazy' }) },
      });
    return vhost({
      name,
      ...(next() < 0.3 ? { description: pick(next, ['', ...ODD]) } : {}),
      ...(next() < 0.3 ? { tags: [...new Set(some(next, ODD, 0.1))].sort(compareStrings) } : {}),
      ...(next() < 0.3 ? { ignore: ['^tmp\\.'] } : {}),
      exchanges,
      queues,
      bindings: bindings as NonNullable<(typeof bindings)[number]>[],
      policies: some(next, ODD, 0.1).map(randomPolicy),
      operatorPolicies: some(next, ['cap'], 0.3).map(randomPolicy),
    });
  });
  return topology(...vhosts);
}
