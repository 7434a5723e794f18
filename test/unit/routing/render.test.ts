import { describe, expect, it } from 'vitest';
import { renderRouteText, routeJson } from '../../../src/routing/render-route.js';
import { renderTestResultsText, testResultsJson } from '../../../src/routing/render-test-results.js';
import { compileRoutes } from '../../../src/routing/route-table.js';
import { route } from '../../../src/routing/route.js';
import { runRoutingTests } from '../../../src/routing/run-routing-tests.js';
import type { Topology } from '../../../src/model/topology.js';
import { exchange, policy, routingTest, toExchange } from '../../support/builders.js';
import { logRouting } from './log-routing.js';

const VHOST = '/';

const t: Topology = logRouting({
  exchanges: [exchange({ name: 'by-policy', type: 'direct' })],
  // A loop back: routed once, shown as already visited.
  bindings: [toExchange('logs', 'topic_logs')],
  policies: [policy({ name: 'ae', pattern: '^by-', applyTo: 'exchanges', definition: { 'alternate-exchange': 'unrouted' } })],
  tests: [
    routingTest({ name: 'critical kernel messages reach audit', exchange: 'topic_logs', routingKey: 'kern.critical', expect: ['audit', 'log-listener'] }),
    routingTest({
      name: 'pdf goes to audit and billing',
      exchange: 'pdf_router',
      headers: { format: 'pdf' },
      expect: ['audit', 'billing'],
      loc: { file: 'spec.yaml', line: 12, col: 5 },
    }),
    routingTest({ name: 'unknown', exchange: 'nope', expect: ['audit'] }),
    routingTest({ name: 'dropped', exchange: 'pdf_router', expect: ['audit'] }),
  ],
});
const table = compileRoutes(t, VHOST);

describe('renderRouteText', () => {
  const cases: { proves: string; message: Parameters<typeof renderRouteText>[1]; lines: string[] }[] = [
    {
      proves: 'draws the path as a tree under the exchange, with the queues last',
      message: { exchange: 'topic_logs', routingKey: 'kern.critical', headers: {} },
      lines: [
        'message to exchange "topic_logs" in vhost "/", routing key "kern.critical"',
        '  topic_logs',
        '  ├── key "#.critical" → exchange logs',
        '  │   ├── key "" → exchange topic_logs (already visited: not routed again)',
        '  │   └── key "" → queue log-listener',
        '  ├── key "*.critical" → queue audit',
        '  └── key "kern.*" → queue audit (already has it: one copy per queue)',
        'reaches 2 queues: audit, log-listener',
      ],
    },
    {
      proves: 'shows the alternate exchange, and the headers of the message',
      message: { exchange: 'topic_logs', routingKey: 'user.info', headers: { n: 5 } },
      lines: [
        'message to exchange "topic_logs" in vhost "/", routing key "user.info", headers {"n":5}',
        '  topic_logs',
        '  └── no binding matched: alternate exchange → exchange unrouted',
        '      └── key "" → queue lost',
        'reaches 1 queue (through an alternate exchange): lost',
      ],
    },
    {
      proves: 'says which policy set the alternate exchange',
      message: { exchange: 'by-policy', routingKey: 'x', headers: {} },
      lines: [
        'message to exchange "by-policy" in vhost "/", routing key "x"',
        '  by-policy',
        '  └── no binding matched: alternate exchange (set by policy "ae") → exchange unrouted',
        '      └── key "" → queue lost',
        'reaches 1 queue (through an alternate exchange): lost',
      ],
    },
    {
      proves: 'shows headers bindings with their arguments',
      message: { exchange: 'pdf_router', routingKey: '', headers: { format: 'pdf' } },
      lines: [
        'message to exchange "pdf_router" in vhost "/", routing key "", headers {"format":"pdf"}',
        '  pdf_router',
        '  └── key "" arguments {"format":"pdf","x-match":"all"} → queue audit',
        'reaches 1 queue: audit',
      ],
    },
    {
      proves: 'shows the default exchange routing to the queue of that name',
      message: { exchange: '', routingKey: 'lost', headers: {} },
      lines: ['message to the default exchange in vhost "/", routing key "lost"', '  (default exchange)', '  └── queue name "lost" → queue lost', 'reaches 1 queue: lost'],
    },
    {
      proves: 'says when the message is dropped',
      message: { exchange: 'pdf_router', routingKey: '', headers: {} },
      lines: [
        'message to exchange "pdf_router" in vhost "/", routing key ""',
        '  pdf_router',
        'reaches no queue: the message is dropped (or returned, if published as mandatory)',
      ],
    },
  ];

  for (const { proves, message, lines } of cases) {
    it(proves, () => {
      expect(renderRouteText(VHOST, message, route(table, message))).toBe(`${lines.join('\n')}\n`);
    });
  }
});

describe('routeJson', () => {
  it('is versioned and carries the sorted queues, the path and the alternate-exchange flag', () => {
    const json = routeJson(route(table, { exchange: 'topic_logs', routingKey: 'user.info' }));
    expect(json).toEqual({
      formatVersion: 1,
      queues: ['lost'],
      path: [
        { via: 'alternate-exchange', source: 'topic_logs', destination: 'unrouted', destinationType: 'exchange', outcome: 'entered' },
        { via: 'binding', source: 'unrouted', destination: 'lost', destinationType: 'queue', routingKey: '', arguments: {}, outcome: 'delivered' },
      ],
      alternateExchangeUsed: true,
    });
  });
});

describe('renderTestResultsText', () => {
  const results = runRoutingTests(t);

  it('reports each test, the details of failures, and the summary on its own line', () => {
    expect(renderTestResultsText(results, { color: false })).toBe(
      [
        '✓ critical kernel messages reach audit',
        '✗ pdf goes to audit and billing  (spec.yaml:12:5)',
        '    message:    exchange "pdf_router" in vhost "/", routing key "", headers {"format":"pdf"}',
        '    expected:   audit, billing',
        '    got:        audit',
        '    missing:    billing',
        '    path:',
        '      pdf_router',
        '      └── key "" arguments {"format":"pdf","x-match":"all"} → queue audit',
        '✗ unknown',
        '    message:    exchange "nope" in vhost "/", routing key ""',
        '    error:      exchange "nope" is not declared in vhost "/"',
        '    expected:   audit',
        '    got:        (none)',
        '    missing:    audit',
        '✗ dropped',
        '    message:    exchange "pdf_router" in vhost "/", routing key ""',
        '    expected:   audit',
        '    got:        (none)',
        '    missing:    audit',
        '    path:       no binding matched',
        '1 passed, 3 failed',
        '',
      ].join('\n'),
    );
  });

  it('colours the marks only when asked', () => {
    const text = renderTestResultsText(results.slice(0, 2), { color: true });
    expect(text).toContain('\u001b[32m✓\u001b[0m critical kernel messages reach audit');
    expect(text).toContain('\u001b[31m✗\u001b[0m pdf goes to audit and billing');
  });

  it('says so when there is no test', () => {
    expect(renderTestResultsText([], { color: false })).toBe('no tests: the spec has no `tests:` section\n0 passed, 0 failed\n');
  });
});

describe('testResultsJson', () => {
  it('is versioned, with a summary and one entry per test', () => {
    const json = testResultsJson(runRoutingTests(t));
    expect(json.formatVersion).toBe(1);
    expect(json.summary).toEqual({ passed: 1, failed: 3 });
    expect(json.tests.map((x) => x.name)).toEqual(['critical kernel messages reach audit', 'pdf goes to audit and billing', 'unknown', 'dropped']);
    expect(json.tests[1]).toMatchObject({ passed: false, exchange: 'pdf_router', headers: { format: 'pdf' }, missing: ['billing'], unexpected: [] });
    expect(json.tests[2]?.error).toEqual({ code: 'unknown-exchange', message: 'exchange "nope" is not declared in vhost "/"' });
  });
});
