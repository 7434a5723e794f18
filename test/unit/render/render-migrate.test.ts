import { describe, expect, it } from 'vitest';
import { HOLDING_QUEUE_ARGUMENT } from '../../../src/model/holding-queue.js';
import { namedKey } from '../../../src/model/identity.js';
import type { NormalizedTopology } from '../../../src/model/normalized-topology.js';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import { planChanges } from '../../../src/plan/plan-changes.js';
import { parsePlan, serializePlan } from '../../../src/plan/plan-file.js';
import type { Plan } from '../../../src/plan/plan.js';
import { resolveMigrations } from '../../../src/plan/resolve-migrations.js';
import { renderJson } from '../../../src/render/render-json.js';
import { renderMarkdown } from '../../../src/render/render-markdown.js';
import { renderText } from '../../../src/render/render-text.js';
import { binding, exchange, options, policy, queue, topology, vhost } from '../../support/builders.js';

const FENCE = '```';
const jobs = exchange({ name: 'jobs' });
const toJobs = (destination: string, routingKey = 'a') => binding({ source: 'jobs', destination, routingKey });

function migratePlan(desired: NormalizedTopology, actual: NormalizedTopology, messages: Record<string, number>): Plan {
  return planChanges(resolveMigrations(diffTopology(desired, actual), { desired, actual }, { migrate: true }), options({ migrate: true }), {
    vhosts: ['/'],
    fingerprint: 'f00d',
    messages: new Map(Object.entries(messages).map(([name, n]) => [namedKey({ vhost: '/', name }), n])),
  });
}

/** `task_queue` from classic to quorum with arguments, and `audit`, interrupted after its delete, in a vhost whose TTL policy covers every queue. */
const ttl = policy({ name: 'short', pattern: '.', definition: { 'message-ttl': 1000 } });
const desired = topology(
  vhost({
    policies: [ttl],
    exchanges: [jobs],
    queues: [queue({ name: 'task_queue', type: 'quorum', arguments: { 'x-delivery-limit': 5 } }), queue({ name: 'audit', type: 'quorum' })],
    bindings: [toJobs('task_queue'), toJobs('audit', 'log')],
  }),
);
const actual = topology(
  vhost({
    exchanges: [jobs],
    queues: [queue({ name: 'task_queue' }), queue({ name: 'topo.migrate.audit', arguments: { [HOLDING_QUEUE_ARGUMENT]: 'audit' } })],
    bindings: [toJobs('task_queue'), toJobs('topo.migrate.audit', 'log')],
    policies: [ttl],
  }),
);
const plan = migratePlan(desired, actual, { task_queue: 5000, 'topo.migrate.audit': 42 });

describe('a plan with migrations', () => {
  it('renders as text: <> per migration, what forces it, the holding queue, a note for the messages', () => {
    expect(renderText(plan, { color: false })).toBe(`topo will perform the following actions:

vhost "/"
   <> queue "audit" (resuming: 42 messages in holding queue "topo.migrate.audit")
        # for messages: new arrivals interleave, an interrupted move may duplicate, TTLs and delivery counts restart (docs/apply.md)
   <> queue "task_queue" (5000 messages)
        # forces replacement: type "classic" → "quorum"
        # forces replacement: arguments.x-delivery-limit (none) → 5
        arguments:
        + x-delivery-limit: 5
        # messages move to holding queue "topo.migrate.task_queue" and back; none is lost
        # for messages: new arrivals interleave, an interrupted move may duplicate, TTLs and delivery counts restart (docs/apply.md)
        # the holding queue falls under policy "short" (message-ttl)
    + binding "jobs -> audit [log]"
    + binding "jobs -> task_queue [a]"  # re-created with queue "task_queue"

Apply refuses this plan without these flags:
  --allow-replace: queue "task_queue" in vhost "/" is migrated: re-created (forced by type, arguments.x-delivery-limit), its messages kept
  --allow-data-loss: queue "task_queue" in vhost "/" is migrated through holding queue "topo.migrate.task_queue", which falls under policy "short" (message-ttl)

Plan: 2 to create, 0 to update, 0 to replace, 2 to migrate, 0 to delete.
Unmanaged: 0. Runtime: 0.
`);
  });

  it('renders as Markdown with the same rows and a migrate column', () => {
    const md = renderMarkdown(plan);
    expect(md).toContain(`| create | update | replace | migrate | delete | unmanaged | runtime |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| 2 | 0 | 0 | 2 | 0 | 0 | 0 |`);
    expect(md).toContain(`${FENCE}diff
<>  queue "audit" (resuming: 42 messages in holding queue "topo.migrate.audit")
      # for messages:`);
    expect(md).toContain('- `--allow-replace`: queue "task\\_queue" in vhost "/" is migrated');
  });

  it('prints each migration in JSON with before, after, forcedBy, messages and the holding queue', () => {
    const view = JSON.parse(renderJson(plan)) as { changes: Record<string, unknown>[]; summary: Record<string, number> };
    expect(view.summary).toEqual({ create: 2, update: 0, replace: 0, migrate: 2, delete: 0, unmanaged: 0, runtime: 0 });
    const [audit, task] = view.changes;
    expect(Object.keys(task ?? {})).toEqual(['action', 'kind', 'vhost', 'name', 'before', 'after', 'forcedBy', 'messages', 'holding']);
    expect(task).toMatchObject({ action: 'migrate', kind: 'queue', name: 'task_queue', messages: 5000, before: { type: 'classic' }, after: { type: 'quorum' } });
    expect(audit).toEqual({
      action: 'migrate',
      kind: 'queue',
      vhost: '/',
      name: 'audit',
      after: desired.vhosts[0]?.queues[0],
      forcedBy: [],
      holding: {
        name: 'topo.migrate.audit',
        bindings: [],
        found: { bindings: [toJobs('topo.migrate.audit', 'log')], messages: 42 },
      },
    });
  });

  it('survives a saved plan file, and a plan file with an unknown step is refused', () => {
    expect(parsePlan(serializePlan(plan), 'plan.json')).toEqual(JSON.parse(serializePlan(plan)));
    const broken = JSON.parse(serializePlan(plan)) as { steps: Record<string, unknown>[] };
    const drain = broken.steps.find((s) => s.op === 'drain-queue') as Record<string, unknown>;
    delete drain.into;
    expect(() => parsePlan(JSON.stringify(broken), 'plan.json')).toThrow(/steps\/\d+: must have required property 'into'/);
  });
});
