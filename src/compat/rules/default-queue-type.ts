import { isAtLeast } from '../broker-version.js';
import type { CompatibilityRule } from '../compatibility-rule.js';

/**
 * A vhost's default queue type is set through the HTTP API from RabbitMQ 3.11 on. 3.10 keeps
 * one only when `rabbitmqctl add_vhost --default-queue-type` set it, and its `PUT /api/vhosts`
 * answers 201 and ignores the field (measured on 3.10.8): an apply could never make it so.
 */
export const checkDefaultQueueType: CompatibilityRule = (vhost, target, report) => {
  if (vhost.defaultQueueType === undefined || !target.version || isAtLeast(target.version, '3.11')) return;
  report.error(
    'vhost',
    vhost,
    `defaultQueueType needs RabbitMQ 3.11 or later: ${target.version.text} ignores it when set through its HTTP API (set it with rabbitmqctl add_vhost --default-queue-type, and leave it out of the spec)`,
  );
};
