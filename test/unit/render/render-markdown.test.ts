import { describe, expect, it } from 'vitest';
import { planChanges } from '../../../src/plan/plan-changes.js';
import { renderMarkdown } from '../../../src/render/render-markdown.js';
import { options, queue } from '../../support/builders.js';
import { expectedOutput, quietPlan, samplePlan } from './sample-plan.js';

describe('renderMarkdown', () => {
  it('renders a pull-request comment with every action and the graph', () => {
    expect(renderMarkdown(samplePlan, { graph: 'graph LR\n  logs --> audit\n' })).toBe(expectedOutput('sample-plan.md'));
  });

  it('renders a plan with nothing to do, without a graph', () => {
    expect(renderMarkdown(quietPlan)).toBe(`### topo plan

**No changes. The broker matches the spec.** Unmanaged: 1. Runtime: 1.

| create | update | replace | migrate | delete | unmanaged | runtime |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| 0 | 0 | 0 | 0 | 0 | 1 | 1 |

#### Unmanaged (not in the spec, left as they are; --prune deletes them)

- queue "x" in vhost "/"

#### Runtime (declared by applications, never applied)

- queue "r" in vhost "/"
`);
  });

  it('keeps names with backticks and markup from breaking out of code', () => {
    const name = 'a ```b` *c*';
    const plan = planChanges(
      [{ action: 'create', kind: 'queue', vhost: '`v`', name, after: queue({ vhost: '`v`', name }) }],
      options(),
      { vhosts: ['`v`'], fingerprint: 'f', messages: new Map() },
    );
    const md = renderMarkdown(plan);
    expect(md).toContain('#### vhost `` `v` ``\n');
    expect(md).toContain('\n````diff\n+   queue "a ```b` *c*" (type=classic)\n````\n');
  });
});
