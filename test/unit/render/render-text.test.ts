import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/render/render-text.js';
import { quietPlan, samplePlan } from './sample-plan.js';

const ESC = '\u001b';

describe('renderText', () => {
  it('renders a plan with every action', () => {
    expect(renderText(samplePlan, { color: false })).toBe(`topo will perform the following actions:

vhost "/"
    ~ vhost "/"
      ~ description: "Default virtual host" → "Tutorials"
    + exchange "logs" (type=fanout)
  -/+ exchange "topic_logs"
        # forces replacement: type "direct" → "topic"
  -/+ queue "audit" (12 messages)
        # forces replacement: arguments.x-message-ttl 1000 → 2000
        arguments:
          x-dead-letter-exchange: "unrouted"
        - x-message-ttl: 1000
        + x-message-ttl: 2000
  -/+ queue "events" (messages unknown)
        # forces replacement: arguments.x-max-age "7D" → "8D"
        arguments:
        - x-max-age: "7D"
        + x-max-age: "8D"
    - queue "old" (1 message)
    + binding "topic_logs -> logs [#]" (to exchange)
    + binding "topic_logs -> audit [kern.*]"  # re-created with exchange "topic_logs"
    + binding "unrouted -> audit [by-hand]"  # re-created with queue "audit" (unmanaged)
    ~ policy "temp-ttl"
        definition:
          max-length: 10
        - message-ttl: 60000
        + message-ttl: 30000

vhost "shop floor"
    + vhost "shop floor"
    + queue "orders" (type=quorum, arguments={"x-delivery-limit":5})

Unmanaged (not in the spec, left as they are; --prune deletes them):
  queue "stray" in vhost "/"
  binding "unrouted -> stray []" in vhost "/"

Runtime (declared by applications, never applied):
  queue "log-listener" in vhost "/"
  binding "logs -> log-listener []" in vhost "/"

Apply refuses this plan without these flags:
  --allow-replace: exchange "topic_logs" in vhost "/" is replaced (forced by type)
  --allow-replace: queue "audit" in vhost "/" is replaced (forced by arguments.x-message-ttl)
  --allow-data-loss: queue "audit" in vhost "/" holds 12 messages and is replaced
  --allow-replace: queue "events" in vhost "/" is replaced (forced by arguments.x-max-age)
  --allow-data-loss: queue "events" in vhost "/" may hold messages (a stream: topo cannot count them) and is replaced
  --prune: queue "old" in vhost "/" is deleted (not in the spec)
  --allow-data-loss: queue "old" in vhost "/" holds 1 message and is deleted

Plan: 6 to create, 2 to update, 3 to replace, 1 to delete.
Unmanaged: 2. Runtime: 2.
`);
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
