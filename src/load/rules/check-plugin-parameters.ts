import type { ArgumentValue } from '../../model/topology.js';
import type { RuleContext } from './rule-context.js';

/**
 * A shovel's or federation upstream's URI with credentials comes from a secret (`${env:NAME}`,
 * `${file:PATH}`), never as plain text in the spec: it would sit in the repository, and in
 * every plan that shows the spec's side. The message names the field, never the URI.
 */
/** A URI whose authority names a user (and so, most likely, a password): `amqp://u:p@host`. */
const USER_INFO = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i;

export function checkPluginParameters(ctx: RuleContext): void {
  for (const vhost of ctx.spec.vhosts.values()) {
    const kinds = [
      ['shovel', vhost.shovels, [['source', 'uri'], ['destination', 'uri']]],
      ['federation upstream', vhost.federationUpstreams, [['uri']]],
    ] as const;
    for (const [word, drafts, fields] of kinds) {
      for (const draft of drafts.values()) {
        if (!draft.valid) continue;
        for (const field of fields) {
          const value = field.reduce<unknown>((o, key) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined), draft.spec);
          const uris = Array.isArray(value) ? (value as ArgumentValue[]) : [value as ArgumentValue];
          uris.forEach((uri, i) => {
            if (typeof uri !== 'string' || uri.includes('${') || !USER_INFO.test(uri)) return;
            const at = Array.isArray(value) ? [...field, i] : [...field];
            ctx.error(
              ctx.at(draft, ...at),
              `${word} "${draft.name}" in vhost "${vhost.name}": ${field.join('.')} carries credentials: write it as a secret, \${env:NAME} or \${file:PATH}`,
            );
          });
        }
      }
    }
  }
}
