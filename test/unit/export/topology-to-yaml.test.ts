import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { topologyToYaml } from '../../../src/export/topology-to-yaml.js';
import type { Topology } from '../../../src/model/topology.js';
import { binding, exchange, queue, topology, vhost } from '../../support/builders.js';
import { sampleTopology } from './sample.js';

describe('topologyToYaml', () => {
  it('writes a minimal, sorted, idiomatic spec document', () => {
    expect(topologyToYaml(sampleTopology(), { schemaPath: '../schemas/topology.schema.json' })).toBe(
      `# yaml-language-server: $schema=../schemas/topology.schema.json
version: 1
vhosts:
  /:
    description: Order events
    tags: [ orders, prod ]
    ignore: [ ^tmp\\. ]
    exchanges:
      delayed: { type: x-delayed-message, arguments: { x-delayed-type: direct } }
      dlx: { type: direct }
      orders: { type: topic, alternateExchange: unrouted }
      pdf: { type: headers, durable: false, autoDelete: true }
      unrouted: { type: fanout, internal: true }
    queues:
      billing: { type: quorum, arguments: { x-dead-letter-exchange: dlx, x-delivery-limit: 5 } }
      dead: { arguments: { x-message-ttl: 60000 } }
      hello: {}
      history: { type: stream, arguments: { x-max-age: 7D } }
      listener: { exclusive: true, serverNamed: true }
      scratch: { durable: false, autoDelete: true }
    bindings:
      - { source: amq.fanout, destination: scratch }
      - { source: dlx, destination: dead, routingKey: billing }
      - { source: orders, destination: pdf, destinationType: exchange }
      - { source: orders, destination: billing, routingKeys: [ order.created, order.paid ] }
      - { source: orders, destination: history, routingKey: "#" }
      - source: pdf
        destination: hello
        arguments: { color: true, department: accounting, format: pdf, pages: 3, x-match: all }
      - { source: unrouted, destination: listener }
    policies:
      lazy: { pattern: .*, priority: -1, definition: { queue-mode: lazy } }
      ttl: { pattern: ^scratch$, applyTo: queues, definition: { message-ttl: 1000 } }
    operatorPolicies:
      cap: { pattern: .*, applyTo: queues, definition: { max-length: 100000 } }
  staging: {}
tests:
  - name: paid orders reach billing
    vhost: /
    exchange: orders
    routingKey: order.paid
    expect: [ billing, history ]
`,
    );
  });

  it('writes a default queue type other than classic, the one every 4.x vhost reports', () => {
    const yaml = topologyToYaml(topology(vhost({ name: 'q', defaultQueueType: 'quorum' }), vhost({ name: 'c', defaultQueueType: 'classic' })));
    expect(yaml).toBe('version: 1\nvhosts:\n  c: {}\n  q:\n    defaultQueueType: quorum\n');
  });

  it('writes no modeline without a schema path', () => {
    expect(topologyToYaml(topology(vhost({ name: '/' })))).toBe('version: 1\nvhosts:\n  /: {}\n');
  });

  it('gives the same text whatever the order of its input', () => {
    const sorted = sampleTopology();
    const shuffled: Topology = {
      tests: sorted.tests,
      vhosts: [...sorted.vhosts].reverse().map((v) => ({
        ...v,
        tags: v.tags ? [...v.tags].reverse() : undefined,
        exchanges: [...v.exchanges].reverse(),
        queues: [...v.queues].reverse(),
        bindings: [...v.bindings].reverse(),
        policies: [...v.policies].reverse(),
        operatorPolicies: [...v.operatorPolicies].reverse(),
      })),
    };
    expect(topologyToYaml(shuffled)).toBe(topologyToYaml(sorted));
  });

  it('sorts names by code point, integer-like names included', () => {
    const text = topologyToYaml(topology(vhost({ queues: ['b', '10', 'a', '9', 'Z', 'ü'].map((name) => queue({ name })) })));
    // As Maps: a plain object would list integer-like keys first whatever the text says.
    const queues = parse(text, { mapAsMap: true }).get('vhosts').get('/').get('queues') as Map<string, unknown>;
    expect([...queues.keys()]).toEqual(['10', '9', 'Z', 'a', 'b', 'ü']);
  });

  it('groups routing keys of the same source, destination and arguments, and keeps the others apart', () => {
    const t = topology(
      vhost({
        bindings: [
          binding({ source: 'x', destination: 'q', routingKey: 'b' }),
          binding({ source: 'x', destination: 'q', routingKey: 'a' }),
          binding({ source: 'x', destination: 'q', routingKey: '' }),
          binding({ source: 'x', destination: 'q', routingKey: 'a', arguments: { k: 1 } }),
          binding({ source: 'x', destination: 'q', routingKey: 'a', destinationType: 'exchange' }),
        ],
      }),
    );
    expect(parse(topologyToYaml(t)).vhosts['/'].bindings).toEqual([
      { source: 'x', destination: 'q', destinationType: 'exchange', routingKey: 'a' },
      { source: 'x', destination: 'q', routingKey: 'a', arguments: { k: 1 } },
      { source: 'x', destination: 'q', routingKeys: ['', 'a', 'b'] },
    ]);
  });

  it('keeps an alternate-exchange argument that is not a string as an argument', () => {
    const t = topology(vhost({ exchanges: [exchange({ name: 'x', arguments: { 'alternate-exchange': 5 } })] }));
    expect(parse(topologyToYaml(t)).vhosts['/'].exchanges.x).toEqual({ type: 'direct', arguments: { 'alternate-exchange': 5 } });
  });

  it('keeps integers integers, floats floats and numeric strings strings', () => {
    const args = { 'x-message-ttl': 60000, 'x-ratio': 1.5, 'x-code': '5', 'x-big': 2 ** 40, 'x-neg': -1 };
    const text = topologyToYaml(topology(vhost({ queues: [queue({ name: 'q', arguments: args })] })));
    expect(text).toContain('x-message-ttl: 60000');
    expect(text).toContain('x-code: "5"');
    expect(parse(text).vhosts['/'].queues.q.arguments).toEqual(args);
  });

  // Names a YAML reader could take for another type, a comment, an alias, a tag, a flow
  // collection or a key; each must come back as the same string, as a key and as a value.
  const oddNames = [
    'yes', 'no', 'on', 'off', 'Y', 'n', 'true', 'False', 'null', '~', '', '1', '08', '1.5', '0x1f', '1e3', '.inf',
    '2001-01-01', '#', '# not a comment', 'a #b', '*', '&a', '!x', '@x', '`x', '%', '100%', '/', 'a/b', '-', '- x',
    '?', ':', 'a: b', 'x:', '[x]', '{x}', 'a,b', '|', '>', '<<', '"q"', "it's", ' lead', 'trail ', 'ü', '注文',
    'emoji 🐇', 'tab\there', 'line\nbreak',
  ];

  it.each(oddNames)('quotes %j where YAML 1.1 or 1.2 would misread it', (name) => {
    const t = topology(
      vhost({
        name: name === '' ? 'v' : name,
        exchanges: [exchange({ name: `x${name}` })],
        queues: [queue({ name })],
        bindings: [binding({ source: `x${name}`, destination: name, routingKey: name, arguments: { [name]: name } })],
      }),
    );
    const text = topologyToYaml(t);
    for (const version of ['1.1', '1.2'] as const) {
      const doc = parse(text, { version });
      const v = doc.vhosts[name === '' ? 'v' : name];
      expect(Object.keys(v.queues)).toEqual([name]);
      expect(v.bindings[0]).toEqual({
        source: `x${name}`,
        destination: name,
        ...(name === '' ? {} : { routingKey: name }),
        arguments: { [name]: name },
      });
    }
  });
});
