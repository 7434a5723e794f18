import { groupBindings } from '../model/group-bindings.js';
import { alternateExchangeOf } from '../routing/alternate-exchange.js';
import { BUILTIN_EXCHANGES } from '../model/builtin-exchanges.js';
import { effectivePolicy } from '../model/effective-policy.js';
import { compareStrings } from '../text/compare-strings.js';
import type { ArgumentValue, Arguments, Exchange, Queue, Topology, Vhost } from '../model/topology.js';

/**
 * The picture of a Topology, independent of the drawing language: the Mermaid and DOT
 * renderers draw exactly this. Pure data; node ids are generated (`v0_x3`), never names, so
 * any name is safe in any language.
 */
export interface Graph {
  /** One per drawn vhost, sorted by vhost name. */
  clusters: GraphCluster[];
}

export interface GraphCluster {
  /** A generated id (`v0`), the prefix of its nodes' ids. */
  id: string;
  vhost: string;
  /** Exchanges first, then queues, each sorted by name; then nodes of undeclared names. */
  nodes: GraphNode[];
  /** Bindings (sorted like spec bindings), then alternate-exchange and dead-letter edges. */
  edges: GraphEdge[];
}

/**
 * How a node is drawn: exchanges by type; `builtin` for the `amq.*` exchanges every vhost
 * has; `undeclared` for a name the vhost uses but does not declare; `runtime` for exclusive
 * queues, which exist only while their consumer's connection is open.
 */
export type NodeCategory =
  | 'direct'
  | 'fanout'
  | 'topic'
  | 'headers'
  | 'plugin'
  | 'builtin'
  | 'undeclared'
  | 'queue'
  | 'runtime';

export interface GraphNode {
  id: string;
  kind: 'exchange' | 'queue';
  name: string;
  category: NodeCategory;
  /** Small print under the name: the exchange type, a queue's non-classic type, flags. */
  detail: string[];
}

/** A binding; or where an exchange's unroutable or a queue's dead messages go. */
export type EdgeKind = 'binding' | 'alternate' | 'dead-letter';

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Label lines: routing keys, `header=value` pairs, `alternate`, `dead-letter`, ... */
  label: string[];
}

export interface RenderGraphOptions {
  /** Only this vhost; no cluster at all when the topology lacks it. */
  vhost?: string;
}

/** The picture of `topology` (or of one vhost). Pure. */
export function buildGraph(topology: Topology, options: RenderGraphOptions = {}): Graph {
  const vhosts = topology.vhosts
    .filter((v) => options.vhost === undefined || v.name === options.vhost)
    .sort((a, b) => compareStrings(a.name, b.name));
  return { clusters: vhosts.map((v, i) => buildCluster(v, `v${i}`)) };
}

function buildCluster(vhost: Vhost, prefix: string): GraphCluster {
  const nodes: GraphNode[] = [];
  const exchangeIds = new Map<string, string>();
  const queueIds = new Map<string, string>();
  const add = (ids: Map<string, string>, node: Omit<GraphNode, 'id'>, tag: string): string => {
    const id = `${prefix}_${tag}${nodes.length}`;
    nodes.push({ id, ...node });
    ids.set(node.name, id);
    return id;
  };
  for (const x of byName(vhost.exchanges)) {
    add(exchangeIds, { kind: 'exchange', name: x.name, category: exchangeCategory(x.type), detail: exchangeDetail(x) }, 'x');
  }
  for (const q of byName(vhost.queues)) {
    add(queueIds, { kind: 'queue', name: q.name, category: q.exclusive ? 'runtime' : 'queue', detail: queueDetail(q) }, 'q');
  }
  // Names used but not declared get a node of their own, drawn apart, so no edge is lost.
  const exchangeId = (name: string): string => exchangeIds.get(name) ?? add(exchangeIds, referencedExchange(name), 'x');
  const queueId = (name: string): string =>
    queueIds.get(name) ?? add(queueIds, { kind: 'queue', name, category: 'undeclared', detail: ['undeclared'] }, 'q');

  const edges: GraphEdge[] = [];
  for (const g of groupBindings(vhost.bindings)) {
    const from = exchangeId(g.source);
    const to = g.destinationType === 'exchange' ? exchangeId(g.destination) : queueId(g.destination);
    edges.push({ from, to, kind: 'binding', label: bindingLabel(g.routingKeys, g.arguments) });
  }
  for (const x of byName(vhost.exchanges)) {
    const alternate = alternateExchangeOf(x, vhost.policies);
    if (!alternate) continue;
    const label = ['alternate', ...(alternate.policy === undefined ? [] : [`policy ${alternate.policy}`])];
    edges.push({ from: exchangeId(x.name), to: exchangeId(alternate.exchange), kind: 'alternate', label });
  }
  for (const q of byName(vhost.queues)) {
    const target = deadLetterTarget(q, vhost);
    if (!target) continue;
    const to = target.exchange === '' ? queueId(target.routingKey!) : exchangeId(target.exchange);
    const label = [
      'dead-letter',
      ...(target.routingKey === undefined || target.exchange === '' ? [] : [`key ${target.routingKey}`]),
      ...(target.policy === undefined ? [] : [`policy ${target.policy}`]),
    ];
    edges.push({ from: queueId(q.name), to, kind: 'dead-letter', label });
  }
  return { id: prefix, vhost: vhost.name, nodes, edges };
}

function exchangeCategory(type: string): NodeCategory {
  return type === 'direct' || type === 'fanout' || type === 'topic' || type === 'headers' ? type : 'plugin';
}

function exchangeDetail(x: Exchange): string[] {
  return [[x.type, ...(x.internal ? ['internal'] : []), ...lifetime(x)].join(', ')];
}

function queueDetail(q: Queue): string[] {
  const flags = [
    ...(q.type === 'classic' ? [] : [q.type]),
    ...(q.exclusive ? ['exclusive'] : []),
    ...(q.serverNamed ? ['server-named'] : []),
    ...lifetime(q),
  ];
  return flags.length === 0 ? [] : [flags.join(', ')];
}

function lifetime(o: { durable: boolean; autoDelete: boolean }): string[] {
  return [...(o.durable ? [] : ['transient']), ...(o.autoDelete ? ['auto-delete'] : [])];
}

function referencedExchange(name: string): Omit<GraphNode, 'id'> {
  const builtin = BUILTIN_EXCHANGES.get(name);
  return builtin !== undefined
    ? { kind: 'exchange', name, category: 'builtin', detail: [`${builtin}, built-in`] }
    : { kind: 'exchange', name, category: 'undeclared', detail: ['undeclared'] };
}

/**
 * One line per routing key (none for a lone empty key, which is the norm for fanout and
 * headers), then one `name=value` line per argument, `x-match` first.
 */
function bindingLabel(routingKeys: readonly string[], args: Arguments): string[] {
  const keys = routingKeys.length === 1 && routingKeys[0] === '' ? [] : routingKeys.map((k) => (k === '' ? '""' : k));
  const names = Object.keys(args).sort((a, b) => (a === 'x-match' ? -1 : b === 'x-match' ? 1 : compareStrings(a, b)));
  return [...keys, ...names.map((n) => `${n}=${formatValue(args[n] as ArgumentValue)}`)];
}

/** Strings as they are, unless they would read as another type; everything else as JSON. */
function formatValue(value: ArgumentValue): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  return /^(-?\d+(\.\d+)?|true|false|null)$/.test(value) || value === '' ? JSON.stringify(value) : value;
}

interface DeadLetterTarget {
  exchange: string;
  routingKey?: string;
  policy?: string;
}

/**
 * Where a queue dead-letters, as RabbitMQ decides: its own `x-dead-letter-exchange` argument,
 * else the `dead-letter-exchange` of its effective policy. A dead-letter exchange `""` (the
 * default exchange) delivers to the queue named by the routing key, so it is drawn only when a
 * dead-letter routing key names that queue.
 */
function deadLetterTarget(q: Queue, vhost: Vhost): DeadLetterTarget | undefined {
  // Each key is resolved on its own: the queue's argument wins over the policy's value.
  const policy = effectivePolicy(vhost.policies, q.name, { kind: 'queue', type: q.type });
  const own = q.arguments['x-dead-letter-exchange'];
  const exchange = typeof own === 'string' ? own : policy?.definition['dead-letter-exchange'];
  if (typeof exchange !== 'string') return undefined;
  const key = q.arguments['x-dead-letter-routing-key'] ?? policy?.definition['dead-letter-routing-key'];
  const routingKey = typeof key === 'string' ? key : undefined;
  if (exchange === '' && (routingKey === undefined || routingKey === '')) return undefined;
  return {
    exchange,
    ...(routingKey === undefined ? {} : { routingKey }),
    ...(typeof own === 'string' || policy === undefined ? {} : { policy: policy.name }),
  };
}

function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareStrings(a.name, b.name));
}
