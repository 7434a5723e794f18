import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/render/render-text.js';
import { expectedOutput, quietPlan, samplePlan } from './sample-plan.js';

const ESC = '\u001b';

describe('renderText', () => {
  it('renders a plan with every action', () => {
    expect(renderText(samplePlan, { color: false })).toBe(expectedOutput('sample-plan.txt'));
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
