import { randomBytes } from 'node:crypto';

/** Every scratch vhost of `topo test --live` starts with this, so a stray one is easy to spot. */
export const SCRATCH_VHOST_PREFIX = 'topo-live-';

/** The longest slug kept from the spec's vhost name: enough to recognise it. */
const MAX_SLUG = 40;

/**
 * A fresh vhost name for a live copy of spec vhost `vhost`:
 * `topo-live-<slug>-<random>`, where the slug keeps the name's letters and digits
 * (lower-cased, other runs of characters become `-`; `default` for `/`) and `random` makes
 * it unique, so two runs, or two vhosts of one spec, never share a scratch vhost.
 */
export function scratchVhostName(vhost: string, random: string = randomBytes(4).toString('hex')): string {
  const slug = vhost
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG)
    .replace(/^-+|-+$/g, '');
  return `${SCRATCH_VHOST_PREFIX}${slug === '' ? 'default' : slug}-${random}`;
}
