import type { Topology } from '../model/topology.js';

/** The vhosts asked for, or a one-line error naming those that are missing. */
export type VhostSelection = { ok: true; topology: Topology } | { ok: false; error: string };

/**
 * The part of `topology` in the vhosts `names` (with their routing tests), or an error naming
 * every one it does not have: `no vhost "a", "b" ${where}`. No names means every vhost. Pure.
 */
export function selectVhosts(topology: Topology, names: readonly string[], where: string): VhostSelection {
  if (names.length === 0) return { ok: true, topology };
  const missing = names.filter((name) => !topology.vhosts.some((v) => v.name === name));
  if (missing.length > 0) {
    return { ok: false, error: `no vhost ${missing.map((name) => JSON.stringify(name)).join(', ')} ${where}` };
  }
  const wanted = new Set(names);
  return {
    ok: true,
    topology: {
      vhosts: topology.vhosts.filter((v) => wanted.has(v.name)),
      tests: topology.tests.filter((t) => wanted.has(t.vhost)),
    },
  };
}
