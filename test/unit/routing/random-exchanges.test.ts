import { describe, expect, it } from 'vitest';
import { renderRouteText, routeJson } from '../../../src/routing/render-route.js';
import { renderTestResultsText, testResultsJson } from '../../../src/routing/render-test-results.js';
import { compileRoutes } from '../../../src/routing/route-table.js';
import { route } from '../../../src/routing/route.js';
import { runRoutingTests } from '../../../src/routing/run-routing-tests.js';
import { testResultOf } from '../../../src/routing/test-result.js';
import { bind, exchange, queue, routingTest, toExchange, topology, vhostAsWritten } from '../../support/builders.js';

const t = topology(
  vhostAsWritten({
    exchanges: [
      exchange({ name: 'pick', type: 'x-local-random' }),
      exchange({ name: 'any', type: 'x-random' }),
      exchange({ name: 'lonely', type: 'x-local-random' }),
      exchange({ name: 'empty', type: 'x-local-random', arguments: { 'alternate-exchange': 'spill' } }),
      exchange({ name: 'spill', type: 'fanout' }),
      exchange({ name: 'both', type: 'fanout' }),
      exchange({ name: 'to-exchanges', type: 'x-random' }),
    ],
    queues: ['a', 'b', 'c', 'audit', 'lost'].map((name) => queue({ name })),
    bindings: [
      bind('pick', 'a'),
      bind('pick', 'b'),
      bind('pick', 'c', 'ignored'),
      bind('any', 'b', 'x'),
      bind('any', 'c', 'y'),
      bind('any', 'c', 'z'),
      bind('lonely', 'a'),
      bind('spill', 'lost'),
      bind('both', 'audit'),
      toExchange('both', 'pick'),
      toExchange('both', 'any'),
      toExchange('to-exchanges', 'pick'),
      bind('to-exchanges', 'audit'),
    ],
  }),
);
const routeTo = (exchangeName: string) => route(compileRoutes(t, '/'), { exchange: exchangeName, routingKey: 'k' });

describe('route: exchanges that pick at random', () => {
  it('x-local-random delivers to one of its queues bound with the empty key', () => {
    const result = routeTo('pick');
    expect(result).toMatchObject({ queues: [], oneOf: [['a', 'b']], alternateExchangeUsed: false });
    expect(result.path.map((h) => [h.destination, h.outcome])).toEqual([
      ['a', 'one-of'],
      ['b', 'one-of'],
    ]);
  });

  it('x-random picks among every binding, whatever the key, and a queue bound twice is one choice', () => {
    expect(routeTo('any')).toMatchObject({ queues: [], oneOf: [['b', 'c']] });
  });

  it('one queue to choose from is no choice', () => {
    expect(routeTo('lonely')).toMatchObject({ queues: ['a'] });
    expect(routeTo('lonely').oneOf).toBeUndefined();
  });

  it('nothing to choose from hands the message to the alternate exchange', () => {
    expect(routeTo('empty')).toMatchObject({ queues: ['lost'], alternateExchangeUsed: true });
  });

  it('gives one group per random exchange reached, beside the queues reached for sure', () => {
    // In the order the message reached them (bindings sort by identity: "any" before "pick").
    expect(routeTo('both')).toMatchObject({ queues: ['audit'], oneOf: [['b', 'c'], ['a', 'b']] });
  });

  it('cannot predict a random choice that may fall on an exchange', () => {
    expect(routeTo('to-exchanges')).toMatchObject({ queues: [], error: 'unsupported-exchange-type', errorExchange: 'to-exchanges' });
  });

  it('says so in JSON and in text', () => {
    const result = routeTo('both');
    expect(routeJson(result)).toMatchObject({ queues: ['audit'], oneOf: [['b', 'c'], ['a', 'b']] });
    expect(routeJson(routeTo('lonely'))).not.toHaveProperty('oneOf');
    const text = renderRouteText('/', { exchange: 'both', routingKey: 'k', headers: {} }, result);
    expect(text).toContain('key "" → queue a (one of these gets it, picked at random)\n');
    expect(text.endsWith('reaches 1 queue: audit; and one of 2 queues, picked at random: b, c; and one of 2 queues, picked at random: a, b\n')).toBe(true);
    expect(renderRouteText('/', { exchange: 'pick', routingKey: '', headers: {} }, routeTo('pick'))).toContain(
      '\nreaches one of 2 queues, picked at random: a, b\n',
    );
  });
});

describe('routing tests that expect one of several queues', () => {
  const test = (expectOneOf: string[][], expected: string[] = []) =>
    routingTest({ name: 'n', exchange: 'both', expect: expected, expectOneOf });

  it('pass offline when the simulator has exactly the expected queues and choices', () => {
    const [result] = runRoutingTests({ ...t, tests: [test([['a', 'b'], ['b', 'c']], ['audit'])] });
    expect(result).toMatchObject({ passed: true, expectedOneOf: [['a', 'b'], ['b', 'c']], gotOneOf: [['a', 'b'], ['b', 'c']] });
  });

  it('fail offline on a choice the simulator does not make, or one the test does not expect', () => {
    const [result] = runRoutingTests({ ...t, tests: [test([['a', 'c']], ['audit'])] });
    expect(result).toMatchObject({ passed: false, missingOneOf: [['a', 'c']], unexpectedOneOf: [['a', 'b'], ['b', 'c']] });
    const text = renderTestResultsText([result!], { color: false });
    expect(text).toContain('    expected:   audit; one of (a, c)\n    got:        audit; one of (a, b); one of (b, c)\n');
    expect(text).toContain('    missing:    one of (a, c)\n    unexpected: one of (a, b); one of (b, c)\n');
    expect(testResultsJson([result!]).tests[0]).toMatchObject({ expectedOneOf: [['a', 'c']], missingOneOf: [['a', 'c']] });
  });

  it('pass live when the message reached the expected queues and exactly one of each group', () => {
    const expecting = routingTest({ expect: ['audit'], expectOneOf: [['a', 'b']] });
    expect(testResultOf(expecting, ['audit', 'b']).passed).toBe(true);
    expect(testResultOf(expecting, ['b', 'audit', 'a'])).toMatchObject({ passed: false, unexpectedOneOf: [['a', 'b']], missingOneOf: [] });
    expect(testResultOf(expecting, ['audit'])).toMatchObject({ passed: false, missingOneOf: [['a', 'b']] });
    expect(testResultOf(expecting, ['a', 'c'])).toMatchObject({ passed: false, missing: ['audit'], unexpected: ['c'] });
  });

  it('keep the JSON of tests without choices as it was', () => {
    const plain = testResultsJson([testResultOf(routingTest({ expect: ['a'] }), ['a'], { oneOf: [] })]).tests[0]!;
    expect(Object.keys(plain)).not.toContain('expectedOneOf');
    expect(Object.keys(plain)).not.toContain('gotOneOf');
  });
});
