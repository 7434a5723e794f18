import { describe, expect, it } from 'vitest';
import { describeStep } from '../../../src/render/describe-step.js';
import type { StepOperation } from '../../../src/plan/step.js';

const binding = { vhost: '/', source: 'ex', destination: 'q', destinationType: 'queue' as const, routingKey: 'a.*', arguments: {} };

describe('describeStep', () => {
  it.each<[StepOperation, string]>([
    [{ op: 'put-vhost', vhost: { name: 'v' } }, 'put vhost "v"'],
    [
      { op: 'declare-exchange', exchange: { vhost: '/', name: 'ex', type: 'topic', durable: true, autoDelete: false, internal: false, arguments: {} } },
      'declare exchange "ex" in vhost "/"',
    ],
    [{ op: 'delete-exchange', vhost: '/', name: 'ex' }, 'delete exchange "ex" in vhost "/"'],
    [
      {
        op: 'declare-queue',
        queue: { vhost: '/', name: 'q', type: 'quorum', durable: true, autoDelete: false, exclusive: false, serverNamed: false, arguments: {} },
      },
      'declare queue "q" in vhost "/"',
    ],
    [{ op: 'delete-queue', vhost: '/', name: 'q', ifEmpty: true }, 'delete queue "q" if empty in vhost "/"'],
    [{ op: 'delete-queue', vhost: '/', name: 'q', ifEmpty: false }, 'delete queue "q" in vhost "/"'],
    [{ op: 'declare-holding-queue', vhost: '/', name: 'topo.migrate.q', of: 'q' }, 'declare holding queue "topo.migrate.q" for queue "q" in vhost "/"'],
    [{ op: 'drain-queue', vhost: '/', name: 'q', into: 'topo.migrate.q' }, 'move the messages of queue "q" to "topo.migrate.q", then delete it in vhost "/"'],
    [{ op: 'bind', binding }, 'bind "ex" -> "q" [a.*] in vhost "/"'],
    [
      { op: 'unbind', binding: { ...binding, destination: 'ex2', destinationType: 'exchange', arguments: { 'x-match': 'any' } } },
      'unbind "ex" -> exchange "ex2" [a.*] {"x-match":"any"} in vhost "/"',
    ],
    [
      { op: 'put-policy', operator: true, policy: { vhost: '/', name: 'p', pattern: '.*', applyTo: 'all', priority: 0, definition: {} } },
      'put operator policy "p" in vhost "/"',
    ],
    [{ op: 'delete-policy', vhost: '/', name: 'p', operator: false }, 'delete policy "p" in vhost "/"'],
  ])('%j', (step, text) => {
    expect(describeStep(step)).toBe(text);
  });
});
