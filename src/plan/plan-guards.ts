import type { Change } from './change.js';
import { mayHoldMessages, messageCountText, type MessageCount } from './message-count.js';
import { migrationGuards } from './migration-guards.js';
import { objectLabel } from './object-label.js';
import type { GuardRequirement, PlanOptions } from './plan.js';
import type { GuardFlag } from './step.js';

/**
 * Every destructive change and the flag that allows it (docs/apply.md, "Guards"): a replace needs
 * `--allow-replace`, a delete needs `--prune`, and deleting or replacing a queue that holds
 * messages needs `--allow-data-loss`. A queue whose count is unknown (every stream) may hold
 * messages, so it needs the flag too: `if-empty` cannot be relied on, since RabbitMQ ignores
 * it for streams. Ordered by change, then flag. Pure.
 */
export function planGuards(changes: readonly Change[]): GuardRequirement[] {
  const guards: GuardRequirement[] = [];
  changes.forEach((c, change) => {
    if (c.action === 'migrate') guards.push(...migrationGuards(c, change));
    if (c.action !== 'replace' && c.action !== 'delete') return;
    const label = objectLabel(c);
    if (c.action === 'replace') {
      const paths = c.forcedBy.map((p) => p.path).join(', ');
      guards.push({ flag: '--allow-replace', change, reason: `${label} is replaced (forced by ${paths})` });
    }
    if (c.action === 'delete') {
      guards.push({ flag: '--prune', change, reason: `${label} is deleted (not in the spec)` });
    }
    if (c.kind === 'queue' && mayHoldMessages(c.messages)) {
      const verb = c.action === 'delete' ? 'deleted' : 'replaced';
      const holds = holdsText(c.messages ?? 'unknown', c.before.type === 'stream');
      guards.push({ flag: '--allow-data-loss', change, reason: `${label} ${holds} and is ${verb}` });
    }
  });
  return guards;
}

/** The guards whose flag `options` does not give: apply refuses the plan if any. */
export function refusedGuards(guards: readonly GuardRequirement[], options: PlanOptions): GuardRequirement[] {
  const allowed: Record<GuardFlag, boolean> = {
    '--allow-replace': options.allowReplace,
    '--allow-data-loss': options.allowDataLoss,
    '--prune': options.prune,
  };
  return guards.filter((g) => !allowed[g.flag]);
}

/** What a queue holds, for a guard's reason; says why when the count is unknown. */
function holdsText(count: MessageCount, stream: boolean): string {
  if (count !== 'unknown') return `holds ${messageCountText(count)}`;
  return stream ? 'may hold messages (a stream: topo cannot count them)' : 'may hold messages (the broker gave no count)';
}
