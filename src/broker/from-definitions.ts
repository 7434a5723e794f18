import { canonicalArguments } from '../model/arguments.js';
import { isBrokerOwnedExchange, isServerNamedQueue } from '../model/broker-owned.js';
import { namedKey } from '../model/identity.js';
import { normalizeTopology, type NormalizedTopology } from '../model/normalized-topology.js';
import { isBrokerOwnedGlobalParameter, type GlobalParameter } from '../model/parameters.js';
import type { ArgumentValue, Arguments, Binding, Exchange, Policy, PolicyApplyTo, Queue, QueueType, Vhost } from '../model/topology.js';
import {
  isSingleVhostDefinitions,
  type Definitions,
  type DefinitionsBinding,
  type DefinitionsExchange,
  type DefinitionsParameter,
  type DefinitionsPolicy,
  type DefinitionsQueue,
  type DefinitionsVhost,
} from './definitions.js';

export interface FromDefinitionsOptions {
  /**
   * The vhost of objects that name none. Given with a single-vhost export (see
   * `isSingleVhostDefinitions`), every object of the definitions is in this vhost, also the
   * policies and parameters that name the vhost the file was exported from: one vhost's file
   * read as another vhost must not be split in two. Default `/`. This vhost is part of the
   * result even when it holds nothing.
   */
  vhost?: string;
  /** Vhost metadata (e.g. from `GET /api/vhosts`); wins over `definitions.vhosts` for the same name. */
  vhostMeta?: DefinitionsVhost[];
  /**
   * Operator policies read apart (`GET /api/operator-policies/{vhost}`). When given they are the
   * operator policies, and the definitions' `operator_policy` parameters are not read.
   */
  operatorPolicies?: DefinitionsPolicy[];
}

/**
 * The normalized Topology that RabbitMQ definitions (a whole-broker or a single-vhost export, or
 * the equivalent listings) describe. Pure; never mutates its input. Left out, because no spec
 * can declare them: the default exchange, `amq.*` exchanges, `amq.gen-*` and exclusive queues
 * and the bindings to them (and to any queue the definitions do not hold), bindings from the
 * default exchange. Normalized like a spec:
 * `x-queue-type` becomes `Queue.type` (classic when absent), arguments canonical, defaults
 * filled, empty vhost metadata omitted, arrays sorted by identity, so a spec and the broker
 * state it produced are deep-equal. Every vhost named anywhere in the input is in the result,
 * except those a single-vhost export names on its policies and parameters when `options.vhost`
 * is given.
 */
export function topologyFromDefinitions(given: Definitions, options: FromDefinitionsOptions = {}): NormalizedTopology {
  const definitions = options.vhost !== undefined && isSingleVhostDefinitions(given) ? withoutVhostNames(given) : given;
  const fallbackVhost = options.vhost ?? '/';
  const vhosts = new Map<string, Vhost>();
  const vhostOf = (name: string | undefined): Vhost => {
    const key = name ?? fallbackVhost;
    let vhost = vhosts.get(key);
    if (!vhost) {
      vhost = {
        name: key,
        exchanges: [],
        queues: [],
        bindings: [],
        policies: [],
        operatorPolicies: [],
        ignore: [],
        // Every vhost read has its limits, shovels and upstreams, if only none.
        limits: [],
        shovels: [],
        federationUpstreams: [],
      };
      vhosts.set(key, vhost);
    }
    return vhost;
  };

  if (options.vhost !== undefined) vhostOf(options.vhost);
  const metaByName = new Map<string, DefinitionsVhost>();
  for (const meta of [...(definitions.vhosts ?? []), ...(options.vhostMeta ?? [])]) metaByName.set(meta.name, meta);
  for (const meta of metaByName.values()) Object.assign(vhostOf(meta.name), vhostMetadata(meta));

  for (const e of definitions.exchanges ?? []) {
    if (isBrokerOwnedExchange(e.name)) continue;
    const vhost = vhostOf(e.vhost);
    vhost.exchanges.push(exchangeFrom(vhost.name, e));
  }

  // The queues a spec can declare, per vhost. A binding to any other queue is left out: to an
  // exclusive or server-named queue it only exists at runtime (RabbitMQ 4.x exports such bindings
  // without their queues), and to a queue that does not exist it cannot exist at all.
  const declarableQueues = new Set<string>();
  for (const q of definitions.queues ?? []) {
    const vhost = vhostOf(q.vhost);
    if (isRuntimeQueue(q)) continue;
    declarableQueues.add(namedKey({ vhost: vhost.name, name: q.name }));
    vhost.queues.push(queueFrom(vhost.name, q));
  }

  for (const b of definitions.bindings ?? []) {
    const vhost = vhostOf(b.vhost);
    const destinationType = b.destination_type === 'exchange' ? 'exchange' : 'queue';
    if (b.source === '') continue;
    if (destinationType === 'queue' && !declarableQueues.has(namedKey({ vhost: vhost.name, name: b.destination }))) {
      continue;
    }
    vhost.bindings.push(bindingFrom(vhost.name, destinationType, b));
  }

  for (const p of definitions.policies ?? []) {
    const vhost = vhostOf(p.vhost);
    vhost.policies.push(policyFrom(vhost.name, p));
  }
  for (const p of options.operatorPolicies ?? operatorPoliciesOf(definitions)) {
    const vhost = vhostOf(p.vhost);
    vhost.operatorPolicies.push(policyFrom(vhost.name, p));
  }

  for (const p of definitions.parameters ?? []) addParameter(vhostOf(p.vhost), p);

  const globalParameters = definitions.global_parameters
    ?.filter((p) => !isBrokerOwnedGlobalParameter(p.name))
    .map((p): GlobalParameter => ({ name: p.name, value: p.value as ArgumentValue }));
  return normalizeTopology({ vhosts: [...vhosts.values()], ...(globalParameters && { globalParameters }), tests: [] });
}

/**
 * A vhost's runtime parameter, where topo reads it: its limits (component `vhost-limits`, one
 * parameter named `limits`), a shovel, a federation upstream. Others (operator policies, read
 * apart; other plugins' components) are not topo's.
 */
function addParameter(vhost: Vhost, p: DefinitionsParameter): void {
  const value = p.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  if (p.component === 'vhost-limits') {
    for (const [name, limit] of Object.entries(value)) {
      const n = Number(limit);
      if (Number.isFinite(n)) (vhost.limits ??= []).push({ vhost: vhost.name, name, value: n });
    }
    return;
  }
  const list = p.component === 'shovel' ? vhost.shovels : p.component === 'federation-upstream' ? vhost.federationUpstreams : undefined;
  list?.push({ vhost: vhost.name, name: p.name, value: canonicalArguments(value as Arguments) });
}

/** A single-vhost file's policies and parameters without the vhost they name. */
function withoutVhostNames(definitions: Definitions): Definitions {
  const strip = <T extends { vhost?: string }>(list: T[] | undefined): T[] | undefined =>
    list?.map(({ vhost: _vhost, ...rest }) => rest as T);
  return { ...definitions, policies: strip(definitions.policies), parameters: strip(definitions.parameters) };
}

/** Server-named and exclusive queues live and die with a connection; no spec can apply them. */
function isRuntimeQueue(q: DefinitionsQueue): boolean {
  return q.exclusive === true || isServerNamedQueue(q.name);
}

function vhostMetadata(meta: DefinitionsVhost): Pick<Vhost, 'description' | 'tags' | 'defaultQueueType' | 'protectedFromDeletion'> {
  const description = meta.description ?? meta.metadata?.description;
  const rawTags = meta.tags ?? meta.metadata?.tags;
  const tags = (typeof rawTags === 'string' ? rawTags.split(',') : (rawTags ?? []))
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const defaultQueueType = meta.default_queue_type ?? meta.metadata?.default_queue_type;
  // 4.1+ only; older brokers cannot protect a vhost, so absent means "not protected".
  const protectedFromDeletion = meta.protected_from_deletion ?? meta.metadata?.protected_from_deletion;
  return {
    ...(protectedFromDeletion === true ? { protectedFromDeletion } : {}),
    ...(description ? { description } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    // 3.10 says "undefined" for a vhost that has none.
    ...(defaultQueueType && defaultQueueType !== 'undefined' ? { defaultQueueType: defaultQueueType as QueueType } : {}),
  };
}

function exchangeFrom(vhost: string, e: DefinitionsExchange): Exchange {
  return {
    vhost,
    name: e.name,
    type: e.type ?? 'direct',
    durable: e.durable ?? true,
    autoDelete: e.auto_delete ?? false,
    internal: e.internal ?? false,
    arguments: canonicalArguments(e.arguments as Arguments | null | undefined),
  };
}

function queueFrom(vhost: string, q: DefinitionsQueue): Queue {
  const args = (q.arguments ?? {}) as Arguments;
  const declared = args['x-queue-type'] ?? q.type;
  return {
    vhost,
    name: q.name,
    // A plugin or future type is kept as the broker says, so a diff shows it rather than hides it.
    type: (typeof declared === 'string' && declared !== '' ? declared : 'classic') as QueueType,
    durable: q.durable ?? true,
    autoDelete: q.auto_delete ?? false,
    exclusive: false,
    serverNamed: false,
    arguments: canonicalArguments(args, ['x-queue-type']),
  };
}

function bindingFrom(vhost: string, destinationType: 'queue' | 'exchange', b: DefinitionsBinding): Binding {
  return {
    vhost,
    source: b.source,
    destination: b.destination,
    destinationType,
    routingKey: b.routing_key ?? '',
    arguments: canonicalArguments(b.arguments as Arguments | null | undefined),
  };
}

function policyFrom(vhost: string, p: DefinitionsPolicy): Policy {
  const priority = Number(p.priority ?? 0);
  return {
    vhost,
    name: p.name,
    pattern: p.pattern,
    applyTo: (p['apply-to'] ?? 'all') as PolicyApplyTo,
    priority: Number.isFinite(priority) ? priority : 0,
    definition: canonicalArguments(p.definition as Arguments | null | undefined),
  };
}

/** Operator policies as whole-broker and 3.x single-vhost exports carry them: runtime parameters. */
function operatorPoliciesOf(definitions: Definitions): DefinitionsPolicy[] {
  return (definitions.parameters ?? [])
    .filter((p) => p.component === 'operator_policy' && typeof p.value === 'object' && p.value !== null)
    .map((p) => {
      const value = p.value as Omit<DefinitionsPolicy, 'name' | 'vhost'>;
      return { ...value, name: p.name, ...(p.vhost === undefined ? {} : { vhost: p.vhost }) };
    });
}
