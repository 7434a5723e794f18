import { regexProblem } from './check-patterns.js';
import type { RuleContext } from './rule-context.js';

/**
 * Users and permissions: a user gives `password` or `passwordHash`, not both, and
 * `hashingAlgorithm` only with `passwordHash`, which must be base64 of a salt and a hash;
 * every permission and topic permission is a valid regular expression (as for policy patterns,
 * JavaScript's RegExp approximates RabbitMQ's PCRE). Messages never quote a password.
 */
export function checkAccess(ctx: RuleContext): void {
  for (const user of ctx.spec.users?.values() ?? []) {
    if (!user.valid) continue;
    const { password, passwordHash, hashingAlgorithm } = user.spec;
    if (password !== undefined && passwordHash !== undefined) {
      ctx.error(ctx.atKey(user, 'passwordHash'), `user "${user.name}": give password or passwordHash, not both`);
    }
    if (hashingAlgorithm !== undefined && passwordHash === undefined) {
      ctx.error(ctx.atKey(user, 'hashingAlgorithm'), `user "${user.name}": hashingAlgorithm goes with passwordHash`);
    }
    if (passwordHash !== undefined && passwordHash !== '' && !isSaltedHash(passwordHash)) {
      ctx.error(ctx.atKey(user, 'passwordHash'), `user "${user.name}": passwordHash must be base64 of a 4-byte salt and a hash, as RabbitMQ exports it`);
    }
  }
  for (const vhost of ctx.spec.vhosts.values()) {
    for (const permission of vhost.permissions?.values() ?? []) {
      if (!permission.valid) continue;
      for (const field of ['configure', 'write', 'read'] as const) {
        const problem = regexProblem(permission.spec[field]);
        if (problem !== undefined) {
          ctx.error(
            ctx.at(permission, field),
            `permissions of user "${permission.name}" in vhost "${vhost.name}": ${field} "${permission.spec[field]}" is not a valid regular expression: ${problem}`,
          );
        }
      }
    }
    for (const topic of vhost.topicPermissions?.values() ?? []) {
      if (!topic.valid) continue;
      for (const [exchange, regexes] of Object.entries(topic.spec)) {
        for (const field of ['write', 'read'] as const) {
          const problem = regexProblem(regexes[field]);
          if (problem !== undefined) {
            ctx.error(
              ctx.at(topic, exchange, field),
              `topic permissions of user "${topic.name}" on exchange "${exchange}" in vhost "${vhost.name}": ${field} "${regexes[field]}" is not a valid regular expression: ${problem}`,
            );
          }
        }
      }
    }
  }
}

function isSaltedHash(text: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text) && Buffer.from(text, 'base64').length > 4;
}
