import { canonicalArguments } from '../model/arguments.js';
import { canonicalJson } from '../model/canonical-json.js';
import { compareStrings } from '../text/compare-strings.js';
import { normalizeTopology, type NormalizedTopology } from '../model/normalized-topology.js';
import type { NamedDraft, SpecDraft, VhostDraft } from './spec-draft.js';
import type { ArgumentValue, Arguments, Binding, Exchange, Policy, Queue, RoutingTest, SourceLocation, Vhost } from '../model/topology.js';
import { isUriKey, pluginParameterValue } from '../model/plugin-parameter-fields.js';
import type { BindingSpec, ExchangeSpec, PermissionSpec, PolicySpec, QueueSpec, RoutingTestSpec, TopicPermissionsSpec, UserSpec } from './topology-spec.js';
import type { Permission, TopicPermission, User, UserCredential } from '../model/access.js';

/**
 * Normalization: spec objects as written → the Topology model with every invariant of
 * ./topology.ts (defaults filled in, canonical arguments, shorthands folded, routingKeys
 * expanded, arrays sorted by identity). Pure; never mutates its input.
 */

/** An exchange with its defaults; `alternateExchange` becomes the `alternate-exchange` argument. */
export function normalizeExchange(vhost: string, name: string, spec: ExchangeSpec, loc?: SourceLocation): Exchange {
  const args = spec.alternateExchange === undefined
    ? spec.arguments
    : { ...spec.arguments, 'alternate-exchange': spec.alternateExchange };
  return withLoc(
    {
      vhost,
      name,
      type: spec.type,
      durable: spec.durable ?? true,
      autoDelete: spec.autoDelete ?? false,
      internal: spec.internal ?? false,
      arguments: canonicalArguments(args),
    },
    loc,
  );
}

/** A queue with its defaults (a durable classic queue); `x-queue-type` never stays in arguments. */
export function normalizeQueue(vhost: string, name: string, spec: QueueSpec | null, loc?: SourceLocation): Queue {
  return withLoc(
    {
      vhost,
      name,
      type: spec?.type ?? 'classic',
      durable: spec?.durable ?? true,
      autoDelete: spec?.autoDelete ?? false,
      exclusive: spec?.exclusive ?? false,
      serverNamed: spec?.serverNamed ?? false,
      arguments: canonicalArguments(spec?.arguments, ['x-queue-type']),
    },
    loc,
  );
}

/** One binding per routing key: `routingKeys` expands, in its order; default routing key "". */
export function normalizeBindings(vhost: string, spec: BindingSpec, loc?: SourceLocation): Binding[] {
  const keys = spec.routingKeys ?? [spec.routingKey ?? ''];
  const args = canonicalArguments(spec.arguments);
  return keys.map((routingKey) =>
    withLoc(
      {
        vhost,
        source: spec.source,
        destination: spec.destination,
        destinationType: spec.destinationType ?? 'queue',
        routingKey,
        arguments: args,
      },
      loc,
    ),
  );
}

/** A policy or operator policy with its defaults (apply to all, priority 0). */
export function normalizePolicy(vhost: string, name: string, spec: PolicySpec, loc?: SourceLocation): Policy {
  return withLoc(
    {
      vhost,
      name,
      pattern: spec.pattern,
      applyTo: spec.applyTo ?? 'all',
      priority: spec.priority ?? 0,
      definition: canonicalArguments(spec.definition),
    },
    loc,
  );
}

/** A routing test in `vhost`, named after its message when the spec gave no name. */
export function normalizeRoutingTest(vhost: string, spec: RoutingTestSpec, loc?: SourceLocation): RoutingTest {
  const routingKey = spec.routingKey ?? '';
  const headers = canonicalArguments(spec.headers);
  return withLoc(
    {
      name: spec.name ?? testName(spec.exchange, routingKey, headers),
      vhost,
      exchange: spec.exchange,
      routingKey,
      headers,
      ...expectations(spec.expect),
    },
    loc,
  );
}

/** `expect` as written: the queues that get the message for sure, and the groups (sorted) one of which does. */
function expectations(items: RoutingTestSpec['expect']): Pick<RoutingTest, 'expect' | 'expectOneOf'> {
  const queues = items.filter((item): item is string => typeof item === 'string');
  const groups = items
    .filter((item): item is { oneOf: string[] } => typeof item !== 'string')
    .map((item) => uniqueSorted(item.oneOf))
    .sort((a, b) => compareStrings(a.join('\u0000'), b.join('\u0000')));
  return { expect: uniqueSorted(queues), ...(groups.length > 0 ? { expectOneOf: groups } : {}) };
}

/** The Topology of a draft with no errors: valid drafts only, everything sorted. */
export function normalizeSpec(spec: SpecDraft): NormalizedTopology {
  const vhosts = [...spec.vhosts.values()].map(normalizeVhost);
  const tests = spec.tests.filter((t) => t.valid).map((t) => normalizeRoutingTest(t.vhost, t.spec, t.loc));
  const brokerVersion = spec.brokerVersions[0]?.value;
  const users = spec.users ? named(spec.users, (_vhost, name, user, loc) => normalizeUser(name, user, loc)) : undefined;
  const globalParameters = spec.globalParameters
    ? named(spec.globalParameters, (_vhost, name, value, loc) => withLoc({ name, value }, loc))
    : undefined;
  return normalizeTopology({
    ...(brokerVersion === undefined ? {} : { brokerVersion }),
    vhosts,
    ...(users ? { users } : {}),
    ...(globalParameters && { globalParameters }),
    tests,
  });
}

/** A user: tags as a set, its credential (a secret reference is kept as written), its limits if listed. */
export function normalizeUser(name: string, spec: UserSpec, loc?: SourceLocation): User {
  let credential: UserCredential = { type: 'none' };
  if (spec.password !== undefined) credential = { type: 'password', secret: { ref: spec.password } };
  else if (spec.passwordHash !== undefined) {
    credential = { type: 'hash', algorithm: spec.hashingAlgorithm ?? 'rabbit_password_hashing_sha256', hash: spec.passwordHash };
  }
  const user: User = { name, tags: uniqueSorted(spec.tags ?? []), credential };
  if (spec.limits) user.limits = { ...spec.limits };
  return withLoc(user, loc);
}

/** A user's permissions in `vhost`. */
export function normalizePermission(vhost: string, user: string, spec: PermissionSpec, loc?: SourceLocation): Permission {
  return withLoc({ vhost, user, configure: spec.configure, write: spec.write, read: spec.read }, loc);
}

/** A user's topic permissions in `vhost`, exchanges sorted. */
export function normalizeTopicPermission(vhost: string, user: string, spec: TopicPermissionsSpec, loc?: SourceLocation): TopicPermission {
  const exchanges = Object.fromEntries(
    Object.keys(spec)
      .sort(compareStrings)
      .map((e) => [e, { write: spec[e]!.write, read: spec[e]!.read }]),
  );
  return withLoc({ vhost, user, exchanges }, loc);
}

function normalizeVhost(draft: VhostDraft): Vhost {
  const vhost: Vhost = {
    name: draft.name,
    exchanges: named(draft.exchanges, normalizeExchange),
    queues: named(draft.queues, normalizeQueue),
    bindings: draft.bindings.filter((d) => d.valid).flatMap((d) => normalizeBindings(d.vhost, d.spec, d.loc)),
    policies: named(draft.policies, normalizePolicy),
    operatorPolicies: named(draft.operatorPolicies, normalizePolicy),
    ignore: uniqueSorted(draft.ignore.map((i) => i.value)),
    loc: draft.loc,
  };
  if (draft.description) vhost.description = draft.description.value;
  if (draft.tags) vhost.tags = uniqueSorted(draft.tags.value);
  if (draft.defaultQueueType) vhost.defaultQueueType = draft.defaultQueueType.value;
  if (draft.protectedFromDeletion) vhost.protectedFromDeletion = draft.protectedFromDeletion.value;
  if (draft.limits) {
    const { value, loc } = draft.limits;
    vhost.limits = Object.entries(value).map(([name, limit]) => ({ vhost: draft.name, name, value: limit, loc }));
  }
  for (const [collection, kind] of [['federationUpstreams', 'federationUpstream'], ['shovels', 'shovel']] as const) {
    if (!draft.mentioned.has(collection)) continue;
    vhost[collection] = named(draft[collection], (vhostName, name, spec, loc) =>
      withLoc({ vhost: vhostName, name, value: withSecretUris(pluginParameterValue(kind, spec ?? {})) }, loc),
    );
  }
  if (draft.permissions) vhost.permissions = named(draft.permissions, normalizePermission);
  if (draft.topicPermissions) vhost.topicPermissions = named(draft.topicPermissions, normalizeTopicPermission);
  return vhost;
}

function named<S, T>(
  drafts: Map<string, NamedDraft<S>>,
  normalize: (vhost: string, name: string, spec: S, loc?: SourceLocation) => T,
): T[] {
  const out: T[] = [];
  for (const d of drafts.values()) if (d.valid) out.push(normalize(d.vhost, d.name, d.spec, d.loc));
  return out;
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareStrings);
}

function testName(exchange: string, routingKey: string, headers: Arguments): string {
  const parts = [exchange === '' ? 'publish to the default exchange' : `publish to "${exchange}"`];
  if (routingKey !== '') parts.push(`with routing key "${routingKey}"`);
  if (Object.keys(headers).length > 0) parts.push(`with headers ${canonicalJson(headers)}`);
  return parts.join(' ');
}

/** Adds `loc` to an object this module just built (so mutating it is safe). */
function withLoc<T extends object>(value: T, loc: SourceLocation | undefined): T & { loc?: SourceLocation } {
  if (loc) (value as T & { loc?: SourceLocation }).loc = loc;
  return value;
}

/**
 * A shovel's or upstream's value with each URI that refers to the environment or a file (a
 * secret field, kept as written: ./secret-field.ts) as a SecretRef: plans carry the reference,
 * the diff and the executor read it.
 */
function withSecretUris(value: Arguments): Arguments {
  const ref = (uri: ArgumentValue): ArgumentValue => (typeof uri === 'string' && uri.includes('${') ? { ref: uri } : uri);
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, isUriKey(key) ? (Array.isArray(v) ? v.map(ref) : ref(v)) : v]),
  );
}
