import type { Change } from './change.js';
import { migrationGuards } from './migration-guards.js';
import { objectLabel } from './object-label.js';
import type { GuardRequirement, PlanOptions } from './plan.js';
import type { GuardFlag } from './step.js';

/**
 * Every destructive change and the flag that allows it (DESIGN.md, Guards): a replace needs
 * `--allow-replace`, a delete needs `--prune`, and deleting or replacing a queue that holds
 * messages needs `--allow-data-loss`. A queue whose count is unknown needs no flag here: its
 * delete is sent with `if-empty`, so the broker refuses it if it holds messages. Ordered by
 * change, then flag. Pure.
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
    if (c.kind === 'queue' && (c.messages ?? 0) > 0) {
      const verb = c.action === 'delete' ? 'deleted' : 'replaced';
      guards.push({ flag: '--allow-data-loss', change, reason: `${label} holds ${messageCount(c.messages ?? 0)} and is ${verb}` });
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

/** `1 message`, `12 messages`. */
export function messageCount(n: number): string {
  return `${n} ${n === 1 ? 'message' : 'messages'}`;
}
