import { NAMED_COLLECTIONS, type NamedCollection } from './describe-path.js';
import { formatLocation, type DiagnosticList } from './diagnostic.js';
import type { PathSet } from './path-set.js';
import { locate, type Path, type SpecDocument } from './parsed-document.js';
import type { Located, NamedDraft, SpecDraft, TestDraft, VhostDraft } from './spec-draft.js';
import type { TopologySpec, VhostSpec } from './topology-spec.js';

/** A parsed document and the paths at or below which the schema found errors. */
export interface CheckedDocument {
  document: SpecDocument;
  invalid: PathSet;
}

/**
 * Merges documents, in order, into one SpecDraft. A vhost may appear in many documents; each
 * exchange, queue, policy and operator policy may be declared once, and vhost metadata may be
 * repeated only with the same value: anything else is reported naming both places. Reads
 * only values of the right type, so documents with schema errors merge as far as they can.
 */
export function collectSpec(documents: readonly CheckedDocument[], diagnostics: DiagnosticList): SpecDraft {
  const spec: SpecDraft = { versions: [], brokerVersions: [], vhosts: new Map(), tests: [] };
  const undecided: TestDraft[] = [];
  for (const checked of documents) collectDocument(spec, checked, undecided, diagnostics);
  const onlyVhost = spec.vhosts.size === 1 ? [...spec.vhosts.keys()][0] : undefined;
  for (const test of undecided) test.vhost = onlyVhost ?? '/';
  return spec;
}

/**
 * A test without `vhost:` runs in the only vhost its own document declares; failing that, in
 * the only vhost of the whole spec (`undecided` waits for every document); failing that, "/".
 * So a file holding one vhost and its tests reads the same alone or merged with others.
 */
function collectDocument(
  spec: SpecDraft,
  { document, invalid }: CheckedDocument,
  undecided: TestDraft[],
  diagnostics: DiagnosticList,
): void {
  if (!isRecord(document.value)) return;
  const root = document.value as TopologySpec;
  const located = <T>(value: T, path: Path, prefer: 'key' | 'value' = 'value'): Located<T> => ({
    value,
    ref: { document, path },
    loc: locate(document, path, prefer),
  });

  if (typeof root.version === 'number') spec.versions.push(located(root.version, ['version']));
  if (typeof root.brokerVersion === 'string' && !invalid.hasAtOrBelow(['brokerVersion'])) {
    spec.brokerVersions.push(located(root.brokerVersion, ['brokerVersion']));
  }

  if (isRecord(root.vhosts)) {
    for (const [name, body] of Object.entries(root.vhosts)) {
      const path = ['vhosts', name];
      let vhost = spec.vhosts.get(name);
      if (!vhost) {
        vhost = emptyVhost(located(name, path, 'key'));
        spec.vhosts.set(name, vhost);
      }
      if (!isRecord(body)) continue;
      const v = body as VhostSpec;
      if (typeof v.description === 'string') {
        vhost.description = sameOrConflict(vhost, 'description', vhost.description, located(v.description, [...path, 'description']), diagnostics);
      }
      if (Array.isArray(v.tags) && !invalid.hasAtOrBelow([...path, 'tags'])) {
        vhost.tags = sameOrConflict(vhost, 'tags', vhost.tags, located(v.tags, [...path, 'tags']), diagnostics);
      }
      if (typeof v.defaultQueueType === 'string' && !invalid.hasAtOrBelow([...path, 'defaultQueueType'])) {
        const type = located(v.defaultQueueType, [...path, 'defaultQueueType']);
        vhost.defaultQueueType = sameOrConflict(vhost, 'defaultQueueType', vhost.defaultQueueType, type, diagnostics);
      }
      if (typeof v.protectedFromDeletion === 'boolean') {
        const value = located(v.protectedFromDeletion, [...path, 'protectedFromDeletion']);
        vhost.protectedFromDeletion = sameOrConflict(vhost, 'protectedFromDeletion', vhost.protectedFromDeletion, value, diagnostics);
      }
      if (isRecord(v.limits) && !invalid.hasAtOrBelow([...path, 'limits'])) {
        vhost.limits = sameOrConflict(vhost, 'limits', vhost.limits, located(v.limits, [...path, 'limits']), diagnostics);
      }
      for (const collection of ['federationUpstreams', 'shovels'] as const) {
        if (Object.hasOwn(v, collection)) vhost.mentioned.add(collection);
      }
      if (Array.isArray(v.ignore)) {
        v.ignore.forEach((pattern, i) => {
          if (typeof pattern === 'string') vhost.ignore.push(located(pattern, [...path, 'ignore', i]));
        });
      }
      for (const collection of Object.keys(NAMED_COLLECTIONS) as NamedCollection[]) {
        const objects = v[collection];
        if (!isRecord(objects)) continue;
        for (const [objectName, objectSpec] of Object.entries(objects)) {
          const objectPath = [...path, collection, objectName];
          const draft: NamedDraft<unknown> = {
            vhost: name,
            name: objectName,
            spec: objectSpec ?? {},
            ref: { document, path: objectPath },
            loc: locate(document, objectPath, 'key'),
            valid: !invalid.hasAtOrBelow(objectPath),
          };
          declare(vhost, collection, draft, diagnostics);
        }
      }
      for (const key of ['permissions', 'topicPermissions'] as const) {
        const entries = v[key];
        if (entries === undefined) continue;
        const declared = (vhost[key] ??= new Map()) as Map<string, NamedDraft<unknown>>;
        collectByName(entries, [...path, key], name, declared, `${ACCESS_WORDS[key]} of user`, `in vhost "${name}"`, { document, invalid }, diagnostics);
      }
      if (Array.isArray(v.bindings)) {
        v.bindings.forEach((binding, i) => {
          const bindingPath = [...path, 'bindings', i];
          vhost.bindings.push({
            vhost: name,
            spec: binding,
            ref: { document, path: bindingPath },
            loc: locate(document, bindingPath),
            valid: !invalid.hasAtOrBelow(bindingPath),
          });
        });
      }
    }
  }

  if (root.users !== undefined) {
    spec.users ??= new Map();
    collectByName(root.users, ['users'], '', spec.users as Map<string, NamedDraft<unknown>>, 'user', '', { document, invalid }, diagnostics);
  }
  if (root.globalParameters !== undefined) {
    spec.globalParameters ??= new Map();
    const declared = spec.globalParameters as Map<string, NamedDraft<unknown>>;
    collectByName(root.globalParameters, ['globalParameters'], '', declared, 'global parameter', '', { document, invalid }, diagnostics);
  }

  if (Array.isArray(root.tests)) {
    const names = isRecord(root.vhosts) ? Object.keys(root.vhosts) : [];
    const documentVhost = names.length === 1 ? names[0] : undefined;
    root.tests.forEach((test, i) => {
      const testPath = ['tests', i];
      const vhost = isRecord(test) && typeof test.vhost === 'string' ? test.vhost : documentVhost;
      const draft: TestDraft = {
        vhost: vhost ?? '',
        spec: test,
        ref: { document, path: testPath },
        loc: locate(document, testPath),
        valid: !invalid.hasAtOrBelow(testPath),
      };
      spec.tests.push(draft);
      if (vhost === undefined) undecided.push(draft);
    });
  }
}

const ACCESS_WORDS = { permissions: 'permissions', topicPermissions: 'topic permissions' } as const;

/**
 * The entries of a mapping by name (users; a vhost's permissions by user) into `declared`; one
 * declared twice (in two files) is reported naming both places. A null mapping declares none,
 * but still says the spec manages the kind.
 */
function collectByName(
  entries: unknown,
  path: Path,
  vhost: string,
  declared: Map<string, NamedDraft<unknown>>,
  word: string,
  where: string,
  { document, invalid }: CheckedDocument,
  diagnostics: DiagnosticList,
): void {
  if (!isRecord(entries)) return;
  for (const [name, spec] of Object.entries(entries)) {
    const objectPath = [...path, name];
    const draft: NamedDraft<unknown> = {
      vhost,
      name,
      spec: spec ?? {},
      ref: { document, path: objectPath },
      loc: locate(document, objectPath, 'key'),
      valid: !invalid.hasAtOrBelow(objectPath),
    };
    const first = declared.get(name);
    if (first) {
      diagnostics.error(draft.loc, `${word} "${name}"${where ? ` ${where}` : ''} is declared twice (first at ${formatLocation(first.loc)})`);
      continue;
    }
    declared.set(name, draft);
  }
}

function emptyVhost(name: Located<string>): VhostDraft {
  return {
    name: name.value,
    ref: name.ref,
    loc: name.loc,
    ignore: [],
    exchanges: new Map(),
    queues: new Map(),
    bindings: [],
    policies: new Map(),
    operatorPolicies: new Map(),
    federationUpstreams: new Map(),
    shovels: new Map(),
    mentioned: new Set(),
  };
}

function declare(vhost: VhostDraft, collection: NamedCollection, draft: NamedDraft<unknown>, diagnostics: DiagnosticList): void {
  const declared = vhost[collection] as Map<string, NamedDraft<unknown>>;
  const first = declared.get(draft.name);
  if (first) {
    diagnostics.error(
      draft.loc,
      `${NAMED_COLLECTIONS[collection]} "${draft.name}" in vhost "${vhost.name}" is declared twice (first at ${formatLocation(first.loc)})`,
    );
    return;
  }
  declared.set(draft.name, draft);
}

/** Metadata written in several places must agree; the first one stays. */
function sameOrConflict<T>(
  vhost: VhostDraft,
  field: string,
  first: Located<T> | undefined,
  next: Located<T>,
  diagnostics: DiagnosticList,
): Located<T> {
  if (!first) return next;
  if (metadataKey(first.value) !== metadataKey(next.value)) {
    diagnostics.error(
      next.loc,
      `vhost "${vhost.name}": ${field} is declared again with a different value (first at ${formatLocation(first.loc)})`,
    );
  }
  return first;
}

// Tags are a set: order and repeats do not make them differ.
function metadataKey(value: unknown): string {
  return Array.isArray(value) ? JSON.stringify([...new Set(value.map(String))].sort()) : JSON.stringify(value);
}

/** A YAML mapping: an object that is not a list. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
