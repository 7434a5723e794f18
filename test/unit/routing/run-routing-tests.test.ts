import { describe, expect, it } from 'vitest';
import { runRoutingTests } from '../../../src/routing/run-routing-tests.js';
import { testResultOf } from '../../../src/routing/test-result.js';
import type { RoutingTest, Topology } from '../../../src/model/topology.js';
import { queue, routingTest } from '../../support/builders.js';
import { logRouting } from './log-routing.js';

const spec = (tests: RoutingTest[]): Topology =>
  logRouting({ logListener: queue({ name: 'log-listener', exclusive: true, serverNamed: true }), tests });

describe('runRoutingTests', () => {
  it('passes tests whose expected queues are exactly the ones reached', () => {
    const results = runRoutingTests(
      spec([
        routingTest({ name: 'critical kernel', exchange: 'topic_logs', routingKey: 'kern.critical', expect: ['log-listener', 'audit'] }),
        routingTest({ name: 'pdf', exchange: 'pdf_router', headers: { format: 'pdf' }, expect: ['audit'] }),
        routingTest({ name: 'unrouted', exchange: 'topic_logs', routingKey: 'user.info', expect: ['lost'] }),
        routingTest({ name: 'nothing', exchange: 'pdf_router', headers: { format: 'doc' }, expect: [] }),
      ]),
    );
    expect(results.map((r) => [r.name, r.passed, r.got])).toEqual([
      ['critical kernel', true, ['audit', 'log-listener']],
      ['pdf', true, ['audit']],
      ['unrouted', true, ['lost']],
      ['nothing', true, []],
    ]);
    expect(results[2]?.alternateExchangeUsed).toBe(true);
  });

  it('fails with what is missing and what is unexpected, and keeps the path', () => {
    const [result] = runRoutingTests(spec([routingTest({ name: 'wrong', exchange: 'topic_logs', routingKey: 'kern.critical', expect: ['audit', 'lost'] })]));
    expect(result).toMatchObject({
      name: 'wrong',
      passed: false,
      expected: ['audit', 'lost'],
      got: ['audit', 'log-listener'],
      missing: ['lost'],
      unexpected: ['log-listener'],
      alternateExchangeUsed: false,
    });
    expect(result?.path?.map((h) => h.destination)).toEqual(['logs', 'audit', 'audit', 'log-listener']);
    expect(result?.error).toBeUndefined();
  });

  it('fails tests whose message cannot be routed, naming why', () => {
    const results = runRoutingTests(
      spec([
        routingTest({ name: 'bad exchange', exchange: 'nope', expect: [] }),
        routingTest({ name: 'bad vhost', vhost: 'elsewhere', exchange: 'logs', expect: [] }),
      ]),
    );
    expect(results.map((r) => [r.passed, r.error, r.errorSubject])).toEqual([
      [false, 'unknown-exchange', 'nope'],
      [false, 'unknown-vhost', 'elsewhere'],
    ]);
  });

  it('returns no result for a spec without tests', () => {
    expect(runRoutingTests(spec([]))).toEqual([]);
  });
});

describe('testResultOf', () => {
  it('compares sets: order and repeats do not matter', () => {
    const t = routingTest({ name: 't', exchange: 'x', expect: ['b', 'a', 'a'] });
    expect(testResultOf(t, ['a', 'b', 'b'])).toMatchObject({ passed: true, expected: ['a', 'b'], got: ['a', 'b'], missing: [], unexpected: [] });
    expect(testResultOf(t, ['a', 'b']).path).toBeUndefined();
  });
});
