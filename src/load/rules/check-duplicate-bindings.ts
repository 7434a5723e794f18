import { canonicalJson } from '../../model/canonical-json.js';
import { formatLocation } from '../diagnostic.js';
import { bindingKey } from '../../model/identity.js';
import { normalizeBindings } from '../normalize.js';
import type { Binding, SourceLocation } from '../../model/topology.js';
import type { RuleContext } from './rule-context.js';

/**
 * Two bindings with the same identity (source, destinationType, destination, routing key,
 * arguments) after `routingKeys` expansion are one binding declared twice. Each expanded
 * binding is located at its routing key when it came from a `routingKeys` list.
 */
export function checkDuplicateBindings(ctx: RuleContext): void {
  for (const vhost of ctx.spec.vhosts.values()) {
    const seen = new Map<string, SourceLocation>();
    for (const draft of vhost.bindings) {
      if (!draft.valid) continue;
      const fromList = draft.spec.routingKeys !== undefined;
      normalizeBindings(vhost.name, draft.spec).forEach((binding, i) => {
        const key = bindingKey(binding);
        const loc = fromList ? ctx.at(draft, 'routingKeys', i) : draft.loc;
        const first = seen.get(key);
        if (first) {
          ctx.error(loc, `${describeBinding(binding)} in vhost "${vhost.name}" is declared twice (first at ${formatLocation(first)})`);
        } else {
          seen.set(key, loc);
        }
      });
    }
  }
}

function describeBinding(b: Binding): string {
  const args = Object.keys(b.arguments).length > 0 ? ` with arguments ${canonicalJson(b.arguments)}` : '';
  return `binding "${b.source}" -> ${b.destinationType} "${b.destination}" (routing key "${b.routingKey}")${args}`;
}
