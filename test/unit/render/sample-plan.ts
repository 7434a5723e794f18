/**
 * One small plan with every action, shared by the renderer tests: creates (with a new
 * vhost, an exchange-to-exchange binding, re-created bindings), updates (vhost metadata and
 * a policy definition), replaces (a queue holding messages, a stream whose messages cannot
 * be counted, an exchange), a delete, and unmanaged and runtime objects; made without flags,
 * so it has refusals.
 */
import type { Change } from '../../../src/plan/change.js';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import { planChanges } from '../../../src/plan/plan-changes.js';
import type { Plan } from '../../../src/plan/plan.js';
import { namedKey } from '../../../src/model/identity.js';
import { binding, exchange, options, policy, queue, topology, vhost } from '../../support/builders.js';
import { readExpectedOutput } from '../support/expected-output.js';

const loc = { file: 'topology.yaml', line: 4, col: 7 };

export const desired = topology(
  vhost({
    name: '/',
    description: 'Tutorials',
    exchanges: [
      exchange({ name: 'logs', type: 'fanout', loc }),
      exchange({ name: 'topic_logs', type: 'topic', arguments: { 'alternate-exchange': 'unrouted' } }),
      exchange({ name: 'unrouted', type: 'fanout' }),
    ],
    queues: [
      queue({ name: 'audit', arguments: { 'x-dead-letter-exchange': 'unrouted', 'x-message-ttl': 2000 }, loc }),
      queue({ name: 'events', type: 'stream', arguments: { 'x-max-age': '8D' } }),
      queue({ name: 'log-listener', exclusive: true, serverNamed: true }),
    ],
    bindings: [
      binding({ source: 'topic_logs', destination: 'audit', routingKey: 'kern.*' }),
      binding({ source: 'topic_logs', destination: 'logs', destinationType: 'exchange', routingKey: '#' }),
      binding({ source: 'logs', destination: 'log-listener' }),
    ],
    policies: [policy({ name: 'temp-ttl', pattern: '^temp\\.', definition: { 'max-length': 10, 'message-ttl': 30000 } })],
  }),
  vhost({ name: 'shop floor', queues: [queue({ name: 'orders', type: 'quorum', arguments: { 'x-delivery-limit': 5 } })] }),
);

export const actual = topology(
  vhost({
    name: '/',
    description: 'Default virtual host',
    exchanges: [exchange({ name: 'topic_logs', type: 'direct', arguments: { 'alternate-exchange': 'unrouted' } }), exchange({ name: 'unrouted', type: 'fanout' })],
    queues: [
      queue({ name: 'audit', arguments: { 'x-dead-letter-exchange': 'unrouted', 'x-message-ttl': 1000 } }),
      queue({ name: 'events', type: 'stream', arguments: { 'x-max-age': '7D' } }),
      queue({ name: 'stray' }),
    ],
    bindings: [
      binding({ source: 'topic_logs', destination: 'audit', routingKey: 'kern.*' }),
      binding({ source: 'unrouted', destination: 'audit', routingKey: 'by-hand' }),
      binding({ source: 'unrouted', destination: 'stray' }),
    ],
    policies: [policy({ name: 'temp-ttl', pattern: '^temp\\.', definition: { 'max-length': 10, 'message-ttl': 60000 } })],
  }),
);

const changes = diffTopology(desired, actual);
/** A delete as `--prune` would plan it; the plan is made without the flag, so it is refused. */
const deleted: Change = { action: 'delete', kind: 'queue', vhost: '/', name: 'old', before: queue({ name: 'old' }) };
// In diff order: queues by name, so before `stray`.
changes.splice(changes.findIndex((c) => c.kind === 'queue' && c.name === 'stray'), 0, deleted);

export const samplePlan: Plan = planChanges(changes, options(), {
  vhosts: ['/', 'shop floor'],
  fingerprint: '0123abcd',
  // No count for the stream: none is exact.
  messages: new Map([
    [namedKey({ vhost: '/', name: 'audit' }), 12],
    [namedKey({ vhost: '/', name: 'old' }), 1],
  ]),
});

/** A plan with nothing to do but an unmanaged and a runtime object. */
export const quietPlan: Plan = planChanges(
  diffTopology(
    topology(vhost({ queues: [queue({ name: 'r', exclusive: true })] })),
    topology(vhost({ queues: [queue({ name: 'x' })] })),
  ),
  options(),
  { vhosts: ['/'], fingerprint: 'ffff', messages: new Map() },
);

/**
 * A renderer's whole expected output, kept in test/unit/render/expected/ as the text the user
 * sees: the text and Markdown views of one plan share its shape, written out once each.
 */
export function expectedOutput(name: string): string {
  return readExpectedOutput(import.meta.url, name);
}
