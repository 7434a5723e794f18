import { createHash } from 'node:crypto';

/** File names (without directory) are at most this long before the `.yaml` suffix. */
const MAX_BASE_LENGTH = 80;

/**
 * A file name per vhost for `topo export -o DIR/`: `/` is `default.yaml`; other names are
 * lower-cased, accents dropped, and every run of characters outside `a-z 0-9 . _ -` made one
 * `-` (`Orders/EU` → `orders-eu.yaml`). Names that come out the same, or empty, are told apart
 * by a hash of the vhost name (`orders-eu-3fa2c41b.yaml`), not by a counter, so the name does
 * not depend on which other vhosts sort first. The vhost whose name is the file name exactly
 * (or `/` for `default`) always keeps the plain name. File names are unique even on
 * case-insensitive file systems. Pure.
 */
export function vhostFileNames(vhosts: readonly string[]): Map<string, string> {
  const bySlug = new Map<string, string[]>();
  for (const name of new Set(vhosts)) {
    const slug = slugOf(name);
    bySlug.set(slug, [...(bySlug.get(slug) ?? []), name]);
  }
  const result = new Map<string, string>();
  for (const [slug, names] of bySlug) {
    const owner = names.includes('/') && slug === 'default' ? '/' : names.find((n) => n === slug);
    for (const name of names) {
      const plain = slug !== '' && (names.length === 1 || name === owner);
      result.set(name, `${plain ? slug : hashed(slug, name)}.yaml`);
    }
  }
  return result;
}

function slugOf(name: string): string {
  if (name === '/') return 'default';
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .slice(0, MAX_BASE_LENGTH)
    // No leading dot (hidden file, `..`) or dash (read as an option), no trailing dot or dash.
    .replace(/^[-.]+|[-.]+$/g, '');
}

function hashed(slug: string, name: string): string {
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return slug === '' ? `vhost-${hash}` : `${slug}-${hash}`;
}
