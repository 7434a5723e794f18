import { describe, expect, it } from 'vitest';
import { lines, topologyOf, validateYaml } from './spec-helpers.js';

const queueWith = (args: string) => `vhosts:\n  /:\n    queues:\n      q:\n        arguments: ${args}\n`;

describe('schema', () => {
  it('accepts every field of the format', () => {
    const topology = topologyOf(`$schema: ../schemas/topology.schema.json
version: 1
vhosts:
  /:
    description: all fields
    tags: [a]
    ignore: ["^tmp\\\\."]
    exchanges:
      e: { type: topic, durable: false, autoDelete: true, internal: false, alternateExchange: ae, arguments: { x-custom: [1, "a", { b: null }] } }
      ae: { type: fanout }
      delayed: { type: x-delayed-message, arguments: { x-delayed-type: direct } }
    queues:
      q: { type: classic, durable: true, autoDelete: false, exclusive: false, serverNamed: false, arguments: { x-max-priority: 10 } }
      runtime: { exclusive: true, serverNamed: true }
    bindings:
      - { source: e, destination: q, destinationType: queue, routingKey: "a.*", arguments: {} }
      - { source: e, destination: ae, destinationType: exchange, routingKeys: [x, y] }
    policies:
      p: { pattern: ".*", applyTo: quorum_queues, priority: 5, definition: { delivery-limit: 3, custom-key: true } }
    operatorPolicies:
      o: { pattern: ".*", definition: { max-length: 10 } }
tests:
  - { name: t, vhost: /, exchange: e, routingKey: a.b, headers: { h: 1 }, expect: [q] }
`);
    expect(topology.vhosts[0]?.exchanges.map((e) => e.name)).toEqual(['ae', 'delayed', 'e']);
  });

  it('reads an empty value as all defaults or nothing', () => {
    const topology = topologyOf('vhosts:\n  /:\n    queues:\n      hello:\n    exchanges:\n    bindings:\n  empty:\ntests:\n');
    expect(topology.vhosts.map((v) => [v.name, v.queues.map((q) => q.name)])).toEqual([
      ['/', ['hello']],
      ['empty', []],
    ]);
  });

  // Each spec, validated alone: every line of what it reports.
  const reports: { proves: string; spec: string; expected: string[] }[] = [
    {
      proves: 'reports every error of a document, not just the first',
      spec: 'vhosts:\n  /:\n    queues:\n      a: { durable: 1 }\n      b: { exclusive: no }\n      c: { autoDelete: "true" }\n',
      expected: [
        'spec.yaml:4:21: queue "a": durable must be true or false',
        'spec.yaml:5:23: queue "b": exclusive must be true or false',
        'spec.yaml:6:24: queue "c": autoDelete must be true or false',
      ],
    },
    {
      proves: 'still counts an invalid object as declared, so references to it raise nothing more',
      spec: 'vhosts:\n  /:\n    exchanges:\n      logs: { type: fanout, colour: blue }\n    queues: { q: {} }\n    bindings:\n      - { source: logs, destination: q }\n',
      expected: ['spec.yaml:4:29: exchange "logs": unknown property "colour"'],
    },
    {
      proves: 'names list items by their index',
      spec: 'vhosts:\n  /:\n    exchanges: { e: { type: direct } }\n    queues: { q: {} }\n    bindings:\n      - { source: e, destination: q, routingKeys: [a, 7] }\n',
      expected: ['spec.yaml:6:55: binding "e" -> "q": routingKeys[1] must be a string (write "7" in quotes)'],
    },
    {
      proves: 'names a test by its name, or its position',
      spec: 'tests:\n  - { name: first, exchange: 1, expect: [] }\n  - { exchange: x, expect: a }\n',
      expected: ['spec.yaml:2:30: test "first": exchange must be a string (write "1" in quotes)', 'spec.yaml:3:28: test #2: expect must be a list'],
    },
    {
      proves: 'names an object of the wrong shape by itself',
      spec: 'vhosts:\n  /:\n    queues:\n      q: 5\n',
      expected: ['spec.yaml:4:10: queue "q" must be a mapping'],
    },
    { proves: 'names a top-level field of the wrong shape by itself', spec: 'vhosts: 5\n', expected: ['spec.yaml:1:9: vhosts must be a mapping'] },
    {
      proves: 'types well-known policy keys',
      spec: 'vhosts:\n  /:\n    policies:\n      p: { pattern: x, definition: { message-ttl: soon, max-age: 1 week } }\n',
      expected: [
        'spec.yaml:4:51: policy "p": message-ttl must be an integer of 0 or more',
        'spec.yaml:4:66: policy "p": max-age must match ^[0-9]+(Y|M|D|h|m|s)$, such as "7D"',
      ],
    },
    { proves: 'accepts a plugin exchange type starting with x-', spec: 'vhosts:\n  /:\n    exchanges:\n      e: { type: x-consistent-hash }\n', expected: [] },
    {
      proves: 'accepts no other unknown exchange type',
      spec: 'vhosts:\n  /:\n    exchanges:\n      e: { type: hash }\n',
      expected: ['spec.yaml:4:18: exchange "e": type must be one of direct, fanout, topic, headers, or a plugin type starting with "x-"'],
    },
  ];

  for (const { proves, spec, expected } of reports) {
    it(proves, () => {
      expect(lines(validateYaml(spec))).toEqual(expected);
    });
  }

  describe('well-known arguments', () => {
    it.each([
      ['{ x-message-ttl: 0, x-expires: 1, x-max-length: 0, x-max-length-bytes: 0, x-max-priority: 255 }'],
      ['{ x-overflow: reject-publish-dlx, x-queue-mode: lazy, x-dead-letter-strategy: at-most-once }'],
      ['{ x-dead-letter-exchange: "", x-dead-letter-routing-key: dead, x-single-active-consumer: true }'],
      ['{ x-queue-leader-locator: balanced, x-queue-master-locator: min-masters, x-queue-version: 2 }'],
      ['{ x-something-new: { any: [json] }, plain: 1.5 }'],
    ])('accepts %s', (args) => {
      // Accepted by the schema; the rule on queue arguments may still warn (check-queue-arguments).
      expect(lines(validateYaml(queueWith(args))).filter((line) => !line.includes(': warning: '))).toEqual([]);
    });

    it.each([
      ['{ x-message-ttl: -1 }', 'x-message-ttl must be an integer of 0 or more'],
      ['{ x-message-ttl: "60000" }', 'x-message-ttl must be an integer of 0 or more'],
      ['{ x-expires: 0 }', 'x-expires must be an integer of 1 or more'],
      ['{ x-max-length-bytes: 1.5 }', 'x-max-length-bytes must be an integer of 0 or more'],
      ['{ x-max-priority: 0 }', 'x-max-priority must be an integer from 1 to 255'],
      ['{ x-max-priority: 256 }', 'x-max-priority must be an integer from 1 to 255'],
      ['{ x-delivery-limit: many }', 'x-delivery-limit must be an integer of -1 or more'],
      ['{ x-delivery-limit: -2 }', 'x-delivery-limit must be an integer of -1 or more'],
      ['{ x-quorum-initial-group-size: 0 }', 'x-quorum-initial-group-size must be an integer of 1 or more'],
      ['{ x-stream-max-segment-size-bytes: 0 }', 'x-stream-max-segment-size-bytes must be an integer of 1 or more'],
      ['{ x-max-age: 7 }', 'x-max-age must be a string (write "7" in quotes)'],
      ['{ x-max-age: 7d }', 'x-max-age must match ^[0-9]+(Y|M|D|h|m|s)$, such as "7D"'],
      ['{ x-queue-mode: lazzy }', 'x-queue-mode must be one of default, lazy (did you mean "lazy"?)'],
      ['{ x-dead-letter-strategy: once }', 'x-dead-letter-strategy must be one of at-most-once, at-least-once'],
      ['{ x-queue-leader-locator: local }', 'x-queue-leader-locator must be one of client-local, balanced, random, least-leaders'],
      ['{ x-dead-letter-exchange: 5 }', 'x-dead-letter-exchange must be a string (write "5" in quotes)'],
      ['{ x-dead-letter-routing-key: true }', 'x-dead-letter-routing-key must be a string (write "true" in quotes)'],
      ['{ x-queue-type: quorum }', 'x-queue-type is not allowed in arguments: set the queue\'s "type" instead'],
    ])('rejects %s', (args, message) => {
      const [line, ...rest] = lines(validateYaml(queueWith(args)));
      expect(rest).toEqual([]);
      expect(line?.replace(/^spec\.yaml:\d+:\d+: /, '')).toBe(`queue "q": ${message}`);
    });

    it('types x-match on bindings', () => {
      const spec = (xMatch: string) =>
        `vhosts:\n  /:\n    exchanges: { h: { type: headers } }\n    queues: { q: {} }\n    bindings:\n      - { source: h, destination: q, arguments: { x-match: ${xMatch}, a: 1 } }\n`;
      for (const ok of ['all', 'any', 'all-with-x', 'any-with-x']) expect(lines(validateYaml(spec(ok)))).toEqual([]);
      expect(lines(validateYaml(spec('alll')))).toEqual([
        'spec.yaml:6:60: binding "h" -> "q": x-match must be one of all, any, all-with-x, any-with-x (did you mean "all"?)',
      ]);
    });
  });
});
