import { describe, expect, it } from 'vitest';
import { planChanges } from '../../../src/plan/plan-changes.js';
import { renderMarkdown } from '../../../src/render/render-markdown.js';
import { options, queue } from '../../support/builders.js';
import { quietPlan, samplePlan } from './sample-plan.js';

const FENCE = '```';

describe('renderMarkdown', () => {
  it('renders a pull-request comment with every action and the graph', () => {
    expect(renderMarkdown(samplePlan, { graph: 'graph LR\n  logs --> audit\n' })).toBe(`### topo plan

**Plan: 6 to create, 2 to update, 3 to replace, 1 to delete.** Unmanaged: 2. Runtime: 2.

| create | update | replace | migrate | delete | unmanaged | runtime |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| 6 | 2 | 3 | 0 | 1 | 2 | 2 |

**Apply refuses this plan without these flags:**

- \`--allow-replace\`: exchange "topic\\_logs" in vhost "/" is replaced (forced by type)
- \`--allow-replace\`: queue "audit" in vhost "/" is replaced (forced by arguments.x-message-ttl)
- \`--allow-data-loss\`: queue "audit" in vhost "/" holds 12 messages and is replaced
- \`--allow-replace\`: queue "events" in vhost "/" is replaced (forced by arguments.x-max-age)
- \`--allow-data-loss\`: queue "events" in vhost "/" may hold messages (a stream: topo cannot count them) and is replaced
- \`--prune\`: queue "old" in vhost "/" is deleted (not in the spec)
- \`--allow-data-loss\`: queue "old" in vhost "/" holds 1 message and is deleted

#### vhost \`/\`

${FENCE}diff
~   vhost "/"
~     description: "Default virtual host" → "Tutorials"
+   exchange "logs" (type=fanout)
-/+ exchange "topic_logs"
      # forces replacement: type "direct" → "topic"
-/+ queue "audit" (12 messages)
      # forces replacement: arguments.x-message-ttl 1000 → 2000
      arguments:
        x-dead-letter-exchange: "unrouted"
-       x-message-ttl: 1000
+       x-message-ttl: 2000
-/+ queue "events" (messages unknown)
      # forces replacement: arguments.x-max-age "7D" → "8D"
      arguments:
-       x-max-age: "7D"
+       x-max-age: "8D"
-   queue "old" (1 message)
+   binding "topic_logs -> logs [#]" (to exchange)
+   binding "topic_logs -> audit [kern.*]"  # re-created with exchange "topic_logs"
+   binding "unrouted -> audit [by-hand]"  # re-created with queue "audit" (unmanaged)
~   policy "temp-ttl"
      definition:
        max-length: 10
-       message-ttl: 60000
+       message-ttl: 30000
${FENCE}

#### vhost \`shop floor\`

${FENCE}diff
+   vhost "shop floor"
+   queue "orders" (type=quorum, arguments={"x-delivery-limit":5})
${FENCE}

#### Unmanaged (not in the spec, left as they are; --prune deletes them)

- queue "stray" in vhost "/"
- binding "unrouted -\\> stray \\[\\]" in vhost "/"

#### Runtime (declared by applications, never applied)

- queue "log-listener" in vhost "/"
- binding "logs -\\> log-listener \\[\\]" in vhost "/"

<details><summary>Topology graph</summary>

${FENCE}mermaid
graph LR
  logs --> audit
${FENCE}

</details>
`);
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
