import { isAtLeast } from '../broker-version.js';
import type { CompatibilityRule } from '../compatibility-rule.js';

/**
 * Deletion protection of vhosts (`POST /api/vhosts/{vhost}/deletion/protection`) came with
 * RabbitMQ 4.1; older brokers have no such endpoint, so an apply could never make it so.
 * A spec that says `protectedFromDeletion: false` asks for what every older vhost already is.
 */
export const checkDeletionProtection: CompatibilityRule = (vhost, target, report) => {
  if (vhost.protectedFromDeletion !== true || !target.version || isAtLeast(target.version, '4.1')) return;
  report.error(
    'vhost',
    vhost,
    `protectedFromDeletion needs RabbitMQ 4.1 or later: ${target.version.text} cannot protect a vhost from deletion (leave it out of the spec)`,
  );
};
