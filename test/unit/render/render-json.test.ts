import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/plan/change.js';
import { planChanges } from '../../../src/plan/plan-changes.js';
import { renderJson } from '../../../src/render/render-json.js';
import { binding, exchange, options, policy, queue } from '../../support/builders.js';
import { samplePlan } from './sample-plan.js';

const loc = { file: 'spec.yaml', line: 3, col: 5 };
const changes: Change[] = [
  { action: 'update', kind: 'vhost', vhost: '/', name: '/', before: { name: '/' }, after: { name: '/', tags: ['t'] }, changed: [{ path: 'tags', before: undefined, after: ['t'] }] },
  { action: 'create', kind: 'exchange', vhost: '/', name: 'e', after: exchange({ name: 'e', loc }) },
  {
    action: 'replace',
    kind: 'queue',
    vhost: '/',
    name: 'q',
    before: queue({ name: 'q' }),
    after: queue({ name: 'q', durable: false, loc }),
    forcedBy: [{ path: 'durable', before: true, after: false }],
  },
  { action: 'runtime', kind: 'queue', vhost: '/', name: 'r', after: queue({ name: 'r', exclusive: true }) },
  { action: 'unmanaged', kind: 'queue', vhost: '/', name: 's', before: queue({ name: 's' }) },
  {
    action: 'create',
    kind: 'binding',
    vhost: '/',
    name: 'e -> q [k]',
    after: binding({ source: 'e', destination: 'q', routingKey: 'k', arguments: { 'x-match': 'any' }, loc }),
    recreatedFor: { kind: 'queue', name: 'q' },
  },
  { action: 'delete', kind: 'policy', vhost: '/', name: 'p', before: policy() },
];
const plan = planChanges(changes, options({ allowReplace: true }), {
  vhosts: ['/'],
  fingerprint: 'abc',
  messages: new Map([['/\u0000q', 3]]),
});

describe('renderJson', () => {
  it('prints the plan view: formatVersion, changes without locations, bindings spelled out, summary, guards', () => {
    const expected = {
      formatVersion: 4,
      vhosts: ['/'],
      fingerprint: 'abc',
      changes: [
        { action: 'update', kind: 'vhost', vhost: '/', name: '/', before: { name: '/' }, after: { name: '/', tags: ['t'] }, changed: [{ path: 'tags', after: ['t'] }] },
        {
          action: 'create',
          kind: 'exchange',
          vhost: '/',
          name: 'e',
          after: { vhost: '/', name: 'e', type: 'direct', durable: true, autoDelete: false, internal: false, arguments: {} },
        },
        {
          action: 'replace',
          kind: 'queue',
          vhost: '/',
          name: 'q',
          before: { vhost: '/', name: 'q', type: 'classic', durable: true, autoDelete: false, exclusive: false, serverNamed: false, arguments: {} },
          after: { vhost: '/', name: 'q', type: 'classic', durable: false, autoDelete: false, exclusive: false, serverNamed: false, arguments: {} },
          forcedBy: [{ path: 'durable', before: true, after: false }],
          messages: 3,
        },
        {
          action: 'runtime',
          kind: 'queue',
          vhost: '/',
          name: 'r',
          after: { vhost: '/', name: 'r', type: 'classic', durable: true, autoDelete: false, exclusive: true, serverNamed: false, arguments: {} },
        },
        {
          action: 'unmanaged',
          kind: 'queue',
          vhost: '/',
          name: 's',
          before: { vhost: '/', name: 's', type: 'classic', durable: true, autoDelete: false, exclusive: false, serverNamed: false, arguments: {} },
        },
        {
          action: 'create',
          kind: 'binding',
          vhost: '/',
          name: 'e -> q [k]',
          source: 'e',
          destination: 'q',
          destinationType: 'queue',
          routingKey: 'k',
          arguments: { 'x-match': 'any' },
          after: { vhost: '/', source: 'e', destination: 'q', destinationType: 'queue', routingKey: 'k', arguments: { 'x-match': 'any' } },
          recreatedFor: { kind: 'queue', name: 'q' },
        },
        {
          action: 'delete',
          kind: 'policy',
          vhost: '/',
          name: 'p',
          before: { vhost: '/', name: 'p', pattern: '.*', applyTo: 'queues', priority: 0, definition: {} },
        },
      ],
      summary: { create: 2, update: 1, replace: 1, migrate: 0, delete: 1, unmanaged: 1, runtime: 1 },
      guards: [
        { flag: '--allow-replace', change: 2, reason: 'queue "q" in vhost "/" is replaced (forced by durable)' },
        { flag: '--allow-data-loss', change: 2, reason: 'queue "q" in vhost "/" holds 3 messages and is replaced' },
        { flag: '--prune', change: 6, reason: 'policy "p" in vhost "/" is deleted (not in the spec)' },
      ],
      refusals: [
        { flag: '--allow-data-loss', change: 2, reason: 'queue "q" in vhost "/" holds 3 messages and is replaced' },
        { flag: '--prune', change: 6, reason: 'policy "p" in vhost "/" is deleted (not in the spec)' },
      ],
      problems: [],
    };
    // Whole text: key order is part of the format.
    expect(renderJson(plan)).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  it('prints a message count topo could not tell as "unknown"', () => {
    const view = JSON.parse(renderJson(samplePlan)) as { formatVersion: number; changes: { name: string; messages?: unknown }[] };
    expect(view.formatVersion).toBe(4);
    expect(view.changes.filter((c) => 'messages' in c).map((c) => [c.name, c.messages])).toEqual([
      ['audit', 12],
      ['events', 'unknown'],
      ['old', 1],
    ]);
  });

  it('never prints a source location, and leaves the plan as it was', () => {
    const before = structuredClone(samplePlan);
    expect(renderJson(samplePlan)).not.toContain('"loc"');
    expect(samplePlan).toEqual(before);
    expect(JSON.stringify(samplePlan)).toContain('"loc"');
  });
});
