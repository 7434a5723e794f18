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
import { redactUrl } from '../broker/redact-url.js';
import type { PluginKind } from '../model/parameters.js';
import { pluginParameterSpec } from '../model/plugin-parameter-fields.js';
import type { PluginParameter } from '../model/topology.js';
import { placeholder, placeholderName } from './secret-placeholder.js';

/**
 * A Topology in the shape of a spec file (docs/format.md), minimal and idiomatic: defaults left
 * out, `type` instead of `x-queue-type`, `alternateExchange` instead of the argument,
 * bindings grouped by routing key. Name-keyed collections are Maps so that their order is
 * exactly the sort order (a plain object would put integer-like names such as "1" first).
 * Every collection is sorted by code point, so equal topologies give equal documents.
 */
export interface SpecDocument {
  version: 1;
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
  federationUpstreams?: Map<string, Map<string, SpecValue>>;
  shovels?: Map<string, Map<string, SpecValue>>;
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
export const DEFAULT_APPLY_TO = 'all';

/** Builds the spec-shaped document of a (normalized) Topology. Pure. */
export function specDocument(topology: Topology): SpecDocument {
  const vhosts = new Map<string, SpecVhost>();
  for (const v of sortedBy(topology.vhosts, (x) => x.name)) vhosts.set(v.name, specVhost(v));
  const params = sortedBy(topology.globalParameters ?? [], (p) => p.name);
  const doc: SpecDocument = {
    version: 1,
    // Before the vhosts, as docs/format.md shows it.
    ...(params.length > 0 && { globalParameters: new Map(params.map((p) => [p.name, specValue(p.value)])) }),
    vhosts,
  };
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
  if (v.federationUpstreams && v.federationUpstreams.length > 0) {
    out.federationUpstreams = namedMap(v.federationUpstreams, (p) => specPluginParameter('federationUpstream', p));
  }
  if (v.shovels && v.shovels.length > 0) out.shovels = namedMap(v.shovels, (p) => specPluginParameter('shovel', p));
  return out;
}

/**
 * A shovel or upstream as a spec writes it (./exportable-parameters.ts keeps out those it
 * cannot), with each URI that carries credentials as a `${env:...}` placeholder named after it.
 */
function specPluginParameter(kind: PluginKind, p: PluginParameter): Map<string, SpecValue> {
  const mapped = pluginParameterSpec(kind, p.value);
  const spec = 'spec' in mapped ? mapped.spec : {};
  const out = new Map<string, SpecValue>();
  for (const [field, value] of Object.entries(spec)) {
    if (field === 'source' || field === 'destination') {
      const group = new Map<string, SpecValue>();
      for (const [inner, v] of Object.entries(value as Arguments)) {
        group.set(inner, inner === 'uri' ? uriValue(v as ArgumentValue, [p.vhost, kind, p.name, field, 'uri']) : specValue(v as ArgumentValue));
      }
      out.set(field, group);
    } else {
      out.set(field, field === 'uri' ? uriValue(value, [p.vhost, kind, p.name, 'uri']) : specValue(value));
    }
  }
  return out;
}

/** A URI (or a list of them) as export writes it: with credentials, a placeholder. */
function uriValue(value: ArgumentValue, nameParts: string[]): SpecValue {
  if (Array.isArray(value)) return value.map((v, i) => uriValue(v, value.length > 1 ? [...nameParts, String(i + 1)] : nameParts) as string);
  if (typeof value === 'string' && redactUrl(value) !== value) return placeholder(placeholderName(nameParts));
  return specValue(value);
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
