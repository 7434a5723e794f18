import { describe, expect, it } from 'vitest';
import { topologyToYaml } from '../../../src/export/topology-to-yaml.js';
import { lines, topologyOf, validateYaml } from './spec-helpers.js';

const spec = (expectation: string, extra = '') => `vhosts:
  /:
    exchanges: { pick: { type: x-local-random }${extra} }
    queues: { a: {}, b: {}, c: {}, q: { type: quorum } }
    bindings:
      - { source: pick, destination: a }
      - { source: pick, destination: b }
tests:
  - { name: t, exchange: pick, expect: ${expectation} }
`;

describe('expect: [{ oneOf: [...] }]', () => {
  it('reads the queues expected for sure and the groups, each sorted', () => {
    const [test] = topologyOf(spec('[c, { oneOf: [b, a] }, c]')).tests;
    expect(test).toMatchObject({ expect: ['c'], expectOneOf: [['a', 'b']] });
    expect(topologyOf(spec('[a]')).tests[0]).not.toHaveProperty('expectOneOf');
  });

  it('is written back by export as it was read', () => {
    const yaml = topologyToYaml(topologyOf(spec('[{ oneOf: [b, a] }]')));
    expect(yaml).toContain('  - { name: t, vhost: /, exchange: pick, expect: [ { oneOf: [ a, b ] } ] }\n');
    expect(topologyOf(yaml).tests[0]).toMatchObject({ expect: [], expectOneOf: [['a', 'b']] });
  });

  it.each([
    ['[{ oneOf: [a] }]', 'spec.yaml:9:50: test "t": oneOf needs two queues or more (for one, write its name)'],
    ['[{ oneof: [a, b] }]', 'spec.yaml:9:41: test "t": expect[0] must be one of a queue name, or { oneOf: [queues] }, exactly one of which gets the message'],
    ['[a, { oneOf: [a, b] }]', 'spec.yaml:9:54: test "t": queue "a" is expected more than once'],
    ['[{ oneOf: [a, nope] }]', 'spec.yaml:9:54: test "t": expected queue "nope" is not declared in vhost "/"'],
  ])('refuses %s', (expectation, message) => {
    expect(lines(validateYaml(spec(expectation)))).toEqual([message]);
  });
});

describe('bindings of an x-local-random exchange', () => {
  it('take classic queues only, with an empty routing key', () => {
    const bad = `vhosts:
  /:
    exchanges: { pick: { type: x-local-random }, other: { type: fanout } }
    queues: { a: {}, q: { type: quorum } }
    bindings:
      - { source: pick, destination: a, routingKey: k }
      - { source: pick, destination: q }
      - { source: pick, destination: other, destinationType: exchange }
`;
    expect(lines(validateYaml(bad))).toEqual([
      'spec.yaml:6:53: binding "pick" -> "a": an x-local-random exchange takes bindings with an empty routing key only',
      'spec.yaml:7:38: binding "pick" -> "q": an x-local-random exchange routes to classic queues only, and "q" is a quorum queue',
      'spec.yaml:8:62: binding "pick" -> "other": an x-local-random exchange routes to queues only, not to exchanges',
    ]);
  });
});
