import type { Topology } from '../model/topology.js';
import { didYouMeanHint } from '../text/did-you-mean.js';

/** The vhosts asked for, or a one-line error naming those that are missing. */
export type VhostSelection = { ok: true; topology: Topology } | { ok: false; error: string };

/**
 * The part of `topology` in the vhosts `names` (with their routing tests), or an error naming
 * every one it does not have, each with the nearest of `known` when it looks like a typo:
 * `no vhost "a" (did you mean "b"?), "c" ${where}`. `known` defaults to the topology's vhosts
 * (a caller that read only some vhosts passes all those that exist). No names means every
 * vhost. Pure.
 */
export function selectVhosts(
  topology: Topology,
  names: readonly string[],
  where: string,
  known: readonly string[] = topology.vhosts.map((v) => v.name),
): VhostSelection {
  if (names.length === 0) return { ok: true, topology };
  const missing = names.filter((name) => !topology.vhosts.some((v) => v.name === name));
  if (missing.length > 0) {
    const listed = missing.map((name) => `${JSON.stringify(name)}${didYouMeanHint(name, known)}`);
    return { ok: false, error: `no vhost ${listed.join(', ')} ${where}` };
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
