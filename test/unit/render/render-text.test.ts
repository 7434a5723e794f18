import { describe, expect, it } from 'vitest';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import { planChanges } from '../../../src/plan/plan-changes.js';
import { renderText } from '../../../src/render/render-text.js';
import { exchange, options, queue, topology, vhost } from '../../support/builders.js';
import { expectedOutput, quietPlan, samplePlan } from './sample-plan.js';

const ESC = '\u001b';

describe('renderText', () => {
  it('renders a plan with every action', () => {
    expect(renderText(samplePlan, { color: false })).toBe(expectedOutput('sample-plan.txt'));
  });

  it('names every property of a created exchange or queue that differs from its default', () => {
    const created = planChanges(
      diffTopology(
        topology(vhost({ exchanges: [exchange({ name: 'e', type: 'topic', durable: false, autoDelete: true, internal: true })], queues: [queue({ name: 'q', durable: false, autoDelete: true })] })),
        topology(vhost()),
      ),
      options(),
      { vhosts: ['/'], fingerprint: 'ffff', messages: new Map() },
    );
    expect(renderText(created, { color: false }).split('\n').filter((line) => line.startsWith('    + '))).toEqual([
      '    + exchange "e" (type=topic, durable=false, autoDelete=true, internal=true)',
      '    + queue "q" (type=classic, durable=false, autoDelete=true)',
    ]);
  });

  it('says there is nothing to do, and still lists what is not managed', () => {
    expect(renderText(quietPlan, { color: false })).toBe(`Unmanaged (not in the spec, left as they are; --prune deletes them):
  queue "x" in vhost "/"

Runtime (declared by applications, never applied):
  queue "r" in vhost "/"

No changes. The broker matches the spec.
Unmanaged: 1. Runtime: 1.
`);
  });

  it('colours only when asked, and only with colour', () => {
    const plain = renderText(samplePlan, { color: false });
    const coloured = renderText(samplePlan, { color: true });
    expect(plain.includes(ESC)).toBe(false);
    expect(coloured).toContain('\u001b[32m+\u001b[0m exchange "logs"');
    expect(coloured).toContain('\u001b[31m-\u001b[0m/\u001b[32m+\u001b[0m queue "audit"');
    expect(coloured).toContain('\u001b[33m~\u001b[0m policy "temp-ttl"');
    expect(coloured.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '')).toBe(plain);
  });
});
