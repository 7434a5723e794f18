import { compareStrings } from '../text/compare-strings.js';
import type {
  ArgumentValue,
  Arguments,
  Exchange,
  Policy,
  Queue,
  RoutingTest,
  Topology,
  Vhost,
} from '../model/topology.js';
import { groupBindings, type BindingGroup } from '../model/group-bindings.js';
import { HASHING_ALGORITHMS, type Permission, type TopicPermission, type User } from '../model/access.js';
import { leaveOut, type NotExported } from './not-exported.js';
import { redactUrl } from '../broker/redact-url.js';
import type { PluginKind } from '../model/parameters.js';
import { pluginParameterSpec } from '../model/plugin-parameter-fields.js';
import { isSecretRef } from '../model/secret-ref.js';
import type { PluginParameter } from '../model/topology.js';

/**
 * A Topology in the shape of a spec file (docs/format.md), minimal and idiomatic: defaults left
 * out, `type` instead of `x-queue-type`, `alternateExchange` instead of the argument,
 * bindings grouped by routing key. Name-keyed collections are Maps so that their order is
 * exactly the sort order (a plain object would put integer-like names such as "1" first).
 * Every collection is sorted by code point, so equal topologies give equal documents.
 */
export interface SpecDocument {
  version: 1;
  users?: Map<string, SpecUser>;
  globalParameters?: Map<string, SpecValue>;
  vhosts: Map<string, SpecVhost>;
  tests?: SpecTest[];
}

/** A YAML-ready value: plain data, with Maps where key order matters. */
export type SpecValue = string | number | boolean | null | SpecValue[] | Map<string, SpecValue>;

export interface SpecVhost {
  description?: string;
  tags?: string[];
  defaultQueueType?: 'quorum' | 'stream';
  protectedFromDeletion?: true;
  limits?: Map<string, number>;
  ignore?: string[];
  exchanges?: Map<string, SpecExchange>;
  queues?: Map<string, SpecQueue>;
  bindings?: SpecBinding[];
  policies?: Map<string, SpecPolicy>;
  operatorPolicies?: Map<string, SpecPolicy>;
  permissions?: Map<string, SpecPermission>;
  topicPermissions?: Map<string, Map<string, { write: string; read: string }>>;
  federationUpstreams?: Map<string, Map<string, SpecValue>>;
  shovels?: Map<string, Map<string, SpecValue>>;
}

export interface SpecUser {
  tags?: string[];
  password?: string;
  passwordHash?: string;
  hashingAlgorithm?: string;
  limits?: Map<string, number>;
}

export interface SpecPermission {
  configure: string;
  write: string;
  read: string;
}

/** How an export writes what the format holds as secrets or may not say. */
export interface ExportOptions {
  /** `--include-password-hashes`: users keep their hash instead of a password placeholder. */
  includePasswordHashes?: boolean;
  /** Where the export records what it leaves out (./not-exported.ts). */
  notExported?: NotExported[];
}

export interface SpecExchange {
  type: string;
  durable?: false;
  autoDelete?: true;
  internal?: true;
  alternateExchange?: string;
  arguments?: Map<string, SpecValue>;
}

export interface SpecQueue {
  type?: 'quorum' | 'stream';
  durable?: false;
  autoDelete?: true;
  exclusive?: true;
  serverNamed?: true;
  arguments?: Map<string, SpecValue>;
}

export interface SpecBinding {
  source: string;
  destination: string;
  destinationType?: 'exchange';
  routingKey?: string;
  routingKeys?: string[];
  arguments?: Map<string, SpecValue>;
}

export interface SpecPolicy {
  pattern: string;
  applyTo?: string;
  priority?: number;
  definition: Map<string, SpecValue>;
}

export interface SpecTest {
  name: string;
  vhost: string;
  exchange: string;
  routingKey?: string;
  headers?: Map<string, SpecValue>;
  /** Queue names, then one `{ oneOf: [...] }` per group. */
  expect: (string | Map<'oneOf', string[]>)[];
}

/** The policy `applyTo` that a spec may leave out: RabbitMQ's own default. */
const DEFAULT_APPLY_TO = 'all';

/** Builds the spec-shaped document of a (normalized) Topology. Pure (it only adds to `options.notExported`). */
export function specDocument(topology: Topology, options: ExportOptions = {}): SpecDocument {
  const vhosts = new Map<string, SpecVhost>();
  for (const v of sortedBy(topology.vhosts, (x) => x.name)) vhosts.set(v.name, specVhost(v));
  let users: Map<string, SpecUser> | undefined;
  if (topology.users) {
    users = new Map();
    for (const u of sortedBy(topology.users, (x) => x.name)) {
      const spec = specUser(u, options);
      if (spec) users.set(u.name, spec);
    }
  }
  const params = sortedBy(topology.globalParameters ?? [], (p) => p.name);
  const globalParameters = params.length > 0 ? new Map(params.map((p) => [p.name, specValue(p.value)])) : undefined;
  // Users and global parameters first, as docs/format.md writes them.
  const doc: SpecDocument = { version: 1, ...(users ? { users } : {}), ...(globalParameters && { globalParameters }), vhosts };
  if (topology.tests.length > 0) doc.tests = topology.tests.map(specTest);
  return doc;
}

function specVhost(v: Vhost): SpecVhost {
  const out: SpecVhost = {};
  // Absent metadata is unmanaged, while "" and [] say "none": both are kept as they are.
  if (v.description !== undefined) out.description = v.description;
  if (v.tags !== undefined) out.tags = [...new Set(v.tags)].sort(compareStrings);
  // Classic is what a vhost has when none was chosen (4.x reports it for every vhost).
  if (v.defaultQueueType !== undefined && v.defaultQueueType !== 'classic') out.defaultQueueType = v.defaultQueueType;
  if (v.protectedFromDeletion === true) out.protectedFromDeletion = true;
  if (v.limits && v.limits.length > 0) out.limits = new Map(sortedBy(v.limits, (l) => l.name).map((l) => [l.name, l.value]));
  if (v.ignore.length > 0) out.ignore = [...new Set(v.ignore)].sort(compareStrings);
  if (v.exchanges.length > 0) out.exchanges = namedMap(v.exchanges, specExchange);
  if (v.queues.length > 0) out.queues = namedMap(v.queues, specQueue);
  if (v.bindings.length > 0) out.bindings = groupBindings(v.bindings).map(specBinding);
  if (v.policies.length > 0) out.policies = namedMap(v.policies, specPolicy);
  if (v.operatorPolicies.length > 0) out.operatorPolicies = namedMap(v.operatorPolicies, specPolicy);
  if (v.permissions && v.permissions.length > 0) out.permissions = byUser(v.permissions, (p) => ({ configure: p.configure, write: p.write, read: p.read }));
  if (v.topicPermissions && v.topicPermissions.length > 0) {
    out.topicPermissions = byUser(v.topicPermissions, (t: TopicPermission) => new Map(sortedBy(Object.keys(t.exchanges), (e) => e).map((e) => [e, { ...t.exchanges[e]! }])));
  }
  if (v.federationUpstreams && v.federationUpstreams.length > 0) {
    out.federationUpstreams = namedMap(v.federationUpstreams, (p) => specPluginParameter('federationUpstream', p));
  }
  if (v.shovels && v.shovels.length > 0) out.shovels = namedMap(v.shovels, (p) => specPluginParameter('shovel', p));
  return out;
}

/**
 * A shovel or upstream as a spec writes it (./exportable-parameters.ts keeps out those it
 * cannot), each URI that carries credentials as a `${env:…}` placeholder named after it
 * (`SHOP_SHOVEL_DRAIN_LEGACY_SOURCE_URI`): the broker gives URIs with their passwords.
 */
function specPluginParameter(kind: PluginKind, p: PluginParameter): Map<string, SpecValue> {
  const mapped = pluginParameterSpec(kind, p.value);
  const out = new Map<string, SpecValue>();
  if (!('spec' in mapped)) return out;
  const place = (field: string, value: ArgumentValue, group?: string): SpecValue =>
    field === 'uri' ? uriValue(value, [p.vhost, kind, p.name, ...(group ? [group] : []), 'uri']) : specValue(value);
  for (const [field, value] of Object.entries(mapped.spec)) {
    const isGroup = (field === 'source' || field === 'destination') && value !== null && typeof value === 'object';
    out.set(field, isGroup ? new Map(Object.entries(value as Arguments).map(([f, v]) => [f, place(f, v as ArgumentValue, field)])) : place(field, value));
  }
  return out;
}

/** A URI (or a list of them) as export writes it: a reference as written, one with credentials as a placeholder. */
function uriValue(value: ArgumentValue, nameParts: string[]): SpecValue {
  if (isSecretRef(value)) return value.ref;
  if (Array.isArray(value)) return value.map((v, i) => uriValue(v, value.length > 1 ? [...nameParts, String(i + 1)] : nameParts));
  if (typeof value === 'string' && redactUrl(value) !== value) return envPlaceholder(nameParts);
  return specValue(value);
}

/** `${env:NAME}`, NAME made of the parts in upper case, every run of other characters one `_`. */
export function envPlaceholder(parts: readonly string[]): string {
  const name = parts
    .map((part) => part.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, ''))
    .filter((part) => part !== '')
    .join('_');
  return `\${env:${/^[0-9]/.test(name) ? `_${name}` : name}}`;
}

/**
 * A user as a spec writes it: its password as a `${env:…}` placeholder named after it (the
 * broker never gives a password; a hash only with `includePasswordHashes`), nothing for a user
 * without one. A hash of an algorithm the format cannot name is left out and reported.
 */
function specUser(u: User, options: ExportOptions): SpecUser | undefined {
  const out: SpecUser = {};
  if (u.tags.length > 0) out.tags = [...u.tags];
  const { credential } = u;
  if (credential.type === 'password') out.password = credential.secret.ref;
  if (credential.type === 'hash') {
    if (!options.includePasswordHashes) out.password = passwordPlaceholder(u.name);
    else if (!(HASHING_ALGORITHMS as readonly string[]).includes(credential.algorithm) || credential.hash === undefined) {
      if (options.notExported) leaveOut(options.notExported, `user hashed with ${credential.algorithm}`);
      return undefined;
    } else {
      out.passwordHash = credential.hash;
      if (credential.algorithm !== 'rabbit_password_hashing_sha256') out.hashingAlgorithm = credential.algorithm;
    }
  }
  const limits = Object.entries(u.limits ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number');
  if (limits.length > 0) out.limits = new Map(sortedBy(limits, ([k]) => k));
  return out;
}

/** The environment variable an exported user's password comes from: `RABBITMQ_PASSWORD_ORDERS_SERVICE`. */
export function passwordPlaceholder(user: string): string {
  const name = user.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `\${env:RABBITMQ_PASSWORD_${name || 'USER'}}`;
}

function byUser<T extends Permission | TopicPermission, S>(items: readonly T[], convert: (item: T) => S): Map<string, S> {
  return new Map(sortedBy(items, (i) => i.user).map((i) => [i.user, convert(i)]));
}

function specExchange(x: Exchange): SpecExchange {
  const out: SpecExchange = { type: x.type };
  if (!x.durable) out.durable = false;
  if (x.autoDelete) out.autoDelete = true;
  if (x.internal) out.internal = true;
  const { 'alternate-exchange': alternate, ...rest } = x.arguments;
  // Only a string is a usable alternate exchange; anything else stays a raw argument.
  const args = typeof alternate === 'string' ? rest : x.arguments;
  if (typeof alternate === 'string') out.alternateExchange = alternate;
  if (Object.keys(args).length > 0) out.arguments = argumentMap(args);
  return out;
}

function specQueue(q: Queue): SpecQueue {
  const out: SpecQueue = {};
  if (q.type !== 'classic') out.type = q.type;
  if (!q.durable) out.durable = false;
  if (q.autoDelete) out.autoDelete = true;
  if (q.exclusive) out.exclusive = true;
  if (q.serverNamed) out.serverNamed = true;
  if (Object.keys(q.arguments).length > 0) out.arguments = argumentMap(q.arguments);
  return out;
}

function specBinding(g: BindingGroup): SpecBinding {
  const out: SpecBinding = { source: g.source, destination: g.destination };
  if (g.destinationType === 'exchange') out.destinationType = 'exchange';
  if (g.routingKeys.length > 1) out.routingKeys = g.routingKeys;
  else if (g.routingKeys[0] !== undefined && g.routingKeys[0] !== '') out.routingKey = g.routingKeys[0];
  if (Object.keys(g.arguments).length > 0) out.arguments = argumentMap(g.arguments);
  return out;
}

function specPolicy(p: Policy): SpecPolicy {
  return {
    pattern: p.pattern,
    ...(p.applyTo !== DEFAULT_APPLY_TO ? { applyTo: p.applyTo } : {}),
    ...(p.priority !== 0 ? { priority: p.priority } : {}),
    definition: argumentMap(p.definition),
  };
}

function specTest(t: RoutingTest): SpecTest {
  return {
    name: t.name,
    vhost: t.vhost,
    exchange: t.exchange,
    ...(t.routingKey !== '' ? { routingKey: t.routingKey } : {}),
    ...(Object.keys(t.headers).length > 0 ? { headers: argumentMap(t.headers) } : {}),
    expect: [...t.expect, ...(t.expectOneOf ?? []).map((group) => new Map([['oneOf' as const, [...group]]]))],
  };
}

function namedMap<T extends { name: string }, S>(items: readonly T[], convert: (item: T) => S): Map<string, S> {
  return new Map(sortedBy(items, (i) => i.name).map((i) => [i.name, convert(i)]));
}

function argumentMap(args: Arguments): Map<string, SpecValue> {
  return new Map(
    Object.keys(args)
      .sort(compareStrings)
      .map((k) => [k, specValue(args[k] as ArgumentValue)]),
  );
}

function specValue(value: ArgumentValue): SpecValue {
  if (Array.isArray(value)) return value.map(specValue);
  if (value !== null && typeof value === 'object') return argumentMap(value);
  return value;
}

function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareStrings(key(a), key(b)));
}
