import type { Path } from './parsed-document.js';

/** The object a path is about, in words, and the rest of the path inside that object. */
export interface PathSubject {
  /** Such as `queue "orders"`, `binding "logs" -> "audit"`, `test "kern"`; absent at the top. */
  subject?: string;
  rest: Path;
}

/** The collections of a vhost whose keys are object names, and the word for their objects. */
export const NAMED_COLLECTIONS = {
  exchanges: 'exchange',
  queues: 'queue',
  policies: 'policy',
  operatorPolicies: 'operator policy',
  federationUpstreams: 'federation upstream',
  shovels: 'shovel',
} as const;
export type NamedCollection = keyof typeof NAMED_COLLECTIONS;

export function isNamedCollection(key: unknown): key is NamedCollection {
  return typeof key === 'string' && Object.hasOwn(NAMED_COLLECTIONS, key);
}

/**
 * Names the spec object that a path points into, for messages. `root` is the document's
 * value, used to name bindings and tests by their content.
 */
export function describePath(path: Path, root: unknown): PathSubject {
  const [top, vhost, collection, item] = path;
  if (top === 'vhosts' && vhost !== undefined) {
    if (isNamedCollection(collection) && item !== undefined) {
      return { subject: `${NAMED_COLLECTIONS[collection]} "${item}"`, rest: path.slice(4) };
    }
    if (collection === 'bindings' && typeof item === 'number') {
      const binding = field(field(field(field(root, 'vhosts'), vhost), 'bindings'), item);
      return { subject: bindingLabel(binding, item), rest: path.slice(4) };
    }
    return { subject: `vhost "${vhost}"`, rest: path.slice(2) };
  }
  if (top === 'tests' && typeof vhost === 'number') {
    const name = field(field(field(root, 'tests'), vhost), 'name');
    return { subject: typeof name === 'string' ? `test "${name}"` : `test #${vhost + 1}`, rest: path.slice(2) };
  }
  return { rest: path };
}

/**
 * How a field is named in a message: its last key, followed by the list indexes after it
 * (`routingKeys[1]`). Empty for an empty path.
 */
export function fieldName(rest: Path): string {
  let name = '';
  for (const segment of rest) {
    name = typeof segment === 'number' ? `${name}[${segment}]` : segment;
  }
  return name;
}

function bindingLabel(binding: unknown, index: number): string {
  const source = field(binding, 'source');
  const destination = field(binding, 'destination');
  return typeof source === 'string' && typeof destination === 'string'
    ? `binding "${source}" -> "${destination}"`
    : `binding #${index + 1}`;
}

function field(value: unknown, key: string | number): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string | number, unknown>)[key] : undefined;
}
