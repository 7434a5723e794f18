import { isSingleVhostDefinitions, type Definitions } from '../broker/definitions.js';
import { topologyFromDefinitions } from '../broker/from-definitions.js';
import { selectVhosts, type VhostSelection } from './select-vhosts.js';
import { withAccessFromDefinitions } from './access-from-definitions.js';

/**
 * The Topology of the vhosts `vhosts` (all when empty) of definitions read from `file` (named
 * in errors only). A whole-broker file (`GET /api/definitions`, `rabbitmqctl
 * export_definitions`) lists its vhosts and names the vhost of each object; `vhosts` picks
 * from them. A single-vhost file (`GET /api/definitions/{vhost}`, the management UI's export
 * of one vhost) does not: its vhost is the one `vhosts` gives, else the one its policies name
 * (brokers write it there), else `/`, the vhost the management UI imports into by default.
 * Pure.
 */
export function definitionsTopology(definitions: Definitions, vhosts: readonly string[], file: string): VhostSelection {
  if (isSingleVhostDefinitions(definitions)) {
    if (vhosts.length > 1) {
      return { ok: false, error: `${file} holds the objects of one vhost: give at most one --vhost to name it` };
    }
    const vhost = vhosts[0] ?? namedVhost(definitions) ?? '/';
    return { ok: true, topology: topologyFromDefinitions(definitions, { vhost }) };
  }
  return selectVhosts(withAccessFromDefinitions(topologyFromDefinitions(definitions), definitions), vhosts, `in ${file}`);
}

/** The vhost a single-vhost file's policies and parameters name, when they name exactly one. */
function namedVhost(definitions: Definitions): string | undefined {
  const named = new Set([...(definitions.policies ?? []), ...(definitions.parameters ?? [])].map((o) => o.vhost));
  const [only] = named;
  return named.size === 1 ? only : undefined;
}
