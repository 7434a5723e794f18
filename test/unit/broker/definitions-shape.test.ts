import { describe, expect, it } from 'vitest';
import { brokerDefinitions, definitionsShapeProblem } from '../../../src/broker/definitions-shape.js';
import { TopoError } from '../../../src/errors.js';

describe('the broker JSON edge', () => {
  it('accepts what brokers send, extra fields included', () => {
    const answer = {
      rabbit_version: '4.3.6',
      queues: [{ name: 'q', durable: true, auto_delete: false, arguments: { 'x-queue-type': 'quorum' }, type: 'quorum', node: 'rabbit@h' }],
      exchanges: [{ name: 'e', type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {} }],
      bindings: [{ source: 'e', destination: 'q', destination_type: 'queue', routing_key: 'a.#', arguments: {} }],
      policies: [{ name: 'p', pattern: '.*', 'apply-to': 'queues', priority: 0, definition: { 'max-length': 1 } }],
    };
    expect(definitionsShapeProblem(answer)).toBeUndefined();
    expect(brokerDefinitions(answer, 'GET /api/definitions/%2F')).toBe(answer);
  });

  it('refuses an answer whose fields are not what topo reads, naming the call and the field', () => {
    const call = () => brokerDefinitions({ queues: [{ name: 'q', durable: 'true' }] }, 'GET /api/definitions/%2F');
    expect(call).toThrow(TopoError);
    expect(call).toThrow(
      "the broker's answer to GET /api/definitions/%2F is not what topo expects (/queues/0/durable: must be boolean)",
    );
  });
});
