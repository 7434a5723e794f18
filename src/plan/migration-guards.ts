import type { MigrateChange } from './change.js';
import { objectLabel } from './object-label.js';
import type { GuardRequirement } from './plan.js';

/**
 * The flags a migration needs. Starting one re-creates the queue, so it needs
 * `--allow-replace` like a replace (`--migrate` says how, not whether); it needs no
 * `--allow-data-loss`, because every message is kept. Completing an interrupted one needs no
 * flag: it was allowed when it started, and stopping halfway would leave the messages apart
 * from the queue's consumers. A holding queue under a policy that can drop or dead-letter
 * messages needs `--allow-data-loss`. Pure.
 */
export function migrationGuards(c: MigrateChange, change: number): GuardRequirement[] {
  const label = objectLabel(c);
  const guards: GuardRequirement[] = [];
  if (!c.holding.found) {
    const paths = c.forcedBy.map((p) => p.path).join(', ');
    guards.push({ flag: '--allow-replace', change, reason: `${label} is migrated: re-created (forced by ${paths}), its messages kept` });
  }
  if (c.holding.policy !== undefined) {
    guards.push({
      flag: '--allow-data-loss',
      change,
      reason: `${label} is migrated through holding queue ${JSON.stringify(c.holding.name)}, which falls under ${c.holding.policy}`,
    });
  }
  return guards;
}
