import { didYouMeanHint } from '../text/did-you-mean.js';
import type { Topology } from './topology.js';

/** A vhost the spec declares, or a one-line error for a user who named another one. */
export type DeclaredVhost = { ok: true; vhost: string } | { ok: false; error: string };

/**
 * `name` when `topology` declares it; otherwise an error with a did-you-mean hint, or the
 * list of the vhosts the spec declares when none is near. Pure.
 */
export function declaredVhost(topology: Topology, name: string): DeclaredVhost {
  const names = topology.vhosts.map((v) => v.name);
  if (names.includes(name)) return { ok: true, vhost: name };
  const hint = didYouMeanHint(name, names) || ` (the spec declares ${names.map((n) => JSON.stringify(n)).join(', ') || 'none'})`;
  return { ok: false, error: `vhost ${JSON.stringify(name)} is not declared in the spec${hint}` };
}
