/**
 * The Markdown plan fits a GitHub comment (issue 17): long sections fold under <details>, and a
 * plan still too long becomes a summary per vhost that points at the full plan.
 */
import { describe, expect, it } from 'vitest';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import { planChanges } from '../../../src/plan/plan-changes.js';
import type { Plan } from '../../../src/plan/plan.js';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from '../../../src/render/render-markdown.js';
import { options, queue, topology, vhost } from '../../support/builders.js';

/** `vhosts` vhosts, each creating `creates` queues (with long names) and leaving `unmanaged` alone. */
function planOf(vhosts: number, creates: number, unmanaged = 0): Plan {
  const names = Array.from({ length: vhosts }, (_, v) => `tenant-${String(v).padStart(5, '0')}`);
  const q = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => queue({ name: `${prefix}-${'x'.repeat(20)}-${i}` }));
  const desired = topology(...names.map((name) => vhost({ name, queues: q('orders', creates) })));
  const actual = topology(...names.map((name) => vhost({ name, queues: q('stray', unmanaged) })));
  return planChanges(diffTopology(desired, actual), options(), { vhosts: names, fingerprint: 'f', messages: new Map() });
}

describe('a Markdown plan and the size of a comment', () => {
  it('leaves short sections open', () => {
    const text = renderMarkdown(planOf(1, 50));
    expect(text).not.toContain('<details>');
  });

  it('folds a vhost with many changes and a long unmanaged list, keeping the diff inside', () => {
    const text = renderMarkdown(planOf(1, 51, 21));
    expect(text).toContain('#### vhost `tenant-00000`\n\n<details><summary>51 lines of changes</summary>\n\n```diff\n');
    expect(text).toContain('```\n\n</details>\n');
    expect(text).toContain('<details><summary>21 objects</summary>\n\n- queue "stray-');
  });

  it('summarizes a plan that still does not fit, per vhost, and says where the full plan is', () => {
    const plan = planOf(20, 400);
    const text = renderMarkdown(plan, { fullPlan: 'the artifacts of https://ci.example/run/42' });
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text).toMatch(/^### topo plan\n\n\*\*Plan: 8000 to create, 0 to update, 0 to replace, 0 to delete\.\*\*/);
    expect(text).toMatch(/> \*\*The full plan does not fit in a comment\*\* \([\d,]+ characters; 65,536 at most\)\. The full plan is in the artifacts of https:\/\/ci\.example\/run\/42\./);
    expect(text).toContain('| vhost | create | update | replace | migrate | delete |\n| --- | ---: | ---: | ---: | ---: | ---: |\n| `tenant-00000` | 400 | 0 | 0 | 0 | 0 |\n');
    expect(text).not.toContain('```diff');
  });

  it('without a place for the full plan, says how to see it', () => {
    const text = renderMarkdown(planOf(2, 50), { maxLength: 2000 });
    expect(text).toContain('Run `topo plan` to see the full plan');
    expect(text.length).toBeLessThanOrEqual(2000);
  });

  it('counts the vhosts that do not fit even in the summary', () => {
    const text = renderMarkdown(planOf(3000, 1));
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text).toMatch(/\| \.\.\. and \d+ more vhosts \| \| \| \| \| \|\n$/);
  });

  it.each([1, 10, 100, 1000])('never exceeds the limit: %i vhosts of 30 queues', (vhosts) => {
    expect(renderMarkdown(planOf(vhosts, 30)).length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  });
});
