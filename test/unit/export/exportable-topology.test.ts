import { describe, expect, it } from 'vitest';
import { exportableTopology } from '../../../src/export/exportable-topology.js';
import { binding, exchange, queue, topology, vhost } from '../../support/builders.js';

describe('exportableTopology', () => {
  const broker = topology(
    vhost({
      exchanges: [exchange({ name: '' }), exchange({ name: 'amq.topic', type: 'topic' }), exchange({ name: 'logs', type: 'fanout' })],
      queues: [
        queue({ name: 'kept' }),
        queue({ name: 'listener', exclusive: true }),
        queue({ name: 'amq.gen-JzTY20BRgKO-HjmUJj0wLg' }),
      ],
      bindings: [
        binding({ source: 'logs', destination: 'kept' }),
        binding({ source: 'amq.topic', destination: 'kept', routingKey: '#' }),
        binding({ source: '', destination: 'kept', routingKey: 'kept' }),
        binding({ source: 'logs', destination: 'listener' }),
        binding({ source: 'logs', destination: 'amq.gen-JzTY20BRgKO-HjmUJj0wLg' }),
        binding({ source: 'amq.topic', destination: 'logs', destinationType: 'exchange' }),
      ],
    }),
  );

  it('leaves out runtime queues with their bindings, built-in exchanges and default-exchange bindings', () => {
    const [v] = exportableTopology(broker).vhosts;
    expect(v!.exchanges.map((x) => x.name)).toEqual(['logs']);
    expect(v!.queues.map((q) => q.name)).toEqual(['kept']);
    expect(v!.bindings.map((b) => `${b.source}->${b.destination}`).sort()).toEqual([
      'amq.topic->kept',
      'amq.topic->logs',
      'logs->kept',
    ]);
  });

  it('does not touch its input', () => {
    const before = JSON.stringify(broker);
    exportableTopology(broker);
    expect(JSON.stringify(broker)).toBe(before);
  });
});
