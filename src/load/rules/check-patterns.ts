import type { RuleContext } from './rule-context.js';

// Erlang's regular expressions (PCRE) accept leading option groups such as (?i) that
// JavaScript rejects; they change matching, not validity, so they are skipped here.
const PCRE_OPTIONS = /^\(\?[imsx]+\)/;

/**
 * Policy patterns and `ignore` entries must be valid regular expressions. RabbitMQ uses
 * PCRE; JavaScript's RegExp is the approximation used here (docs/format.md says so).
 */
export function checkPatterns(ctx: RuleContext): void {
  for (const vhost of ctx.spec.vhosts.values()) {
    for (const [word, policies] of [['policy', vhost.policies], ['operator policy', vhost.operatorPolicies]] as const) {
      for (const policy of policies.values()) {
        if (!policy.valid) continue;
        const problem = regexProblem(policy.spec.pattern);
        if (problem !== undefined) {
          ctx.error(
            ctx.at(policy, 'pattern'),
            `${word} "${policy.name}": pattern "${policy.spec.pattern}" is not a valid regular expression: ${problem}`,
          );
        }
      }
    }
    for (const ignore of vhost.ignore) {
      const problem = regexProblem(ignore.value);
      if (problem !== undefined) {
        ctx.error(ignore.loc, `vhost "${vhost.name}": ignore pattern "${ignore.value}" is not a valid regular expression: ${problem}`);
      }
    }
  }
}

/** Why a pattern is not a valid regular expression, or undefined when it is. */
export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern.replace(PCRE_OPTIONS, ''));
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // "Invalid regular expression: /(/: Unterminated group" → "unterminated group"
    const reason = message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    return reason.charAt(0).toLowerCase() + reason.slice(1);
  }
}
