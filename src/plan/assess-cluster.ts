import type { ClusterState, NodeState, QueuePlacement } from '../broker/cluster-state.js';
import { effectivePolicy } from '../model/effective-policy.js';
import { namedKey } from '../model/identity.js';
import type { Queue, QueueType, Topology } from '../model/topology.js';
import { compareStrings } from '../text/compare-strings.js';
import type { ClusterReport, LeaderLocatorCount, ReplicaProblem, UnavailableQueue } from './cluster-report.js';

/** RabbitMQ's `quorum_cluster_size`: the members of a quorum queue declared without a size. */
const DEFAULT_QUORUM_SIZE = 3;
/** Where leaders go when neither a policy nor an argument says (RabbitMQ's default). */
const DEFAULT_LOCATOR = 'client-local';

/**
 * The cluster as a plan shows it, from what was read (`readClusterState`) and the broker's
 * topology (queue arguments, policies). Pure.
 *
 * - A classic queue is unavailable when its state is `down` or its home node is not running;
 *   a quorum queue or stream when fewer than a majority of its members are online.
 * - A quorum queue or stream has offline members (on a node that is down, or, for quorum
 *   queues, not in `online`) and missing ones (fewer than its target size, see
 *   `ReplicaProblem.target`); the node count is known only when the nodes could be listed.
 * - Leader placement: per node, how many leaders (quorum, stream) and classic homes it
 *   carries; and how leaders are placed: the `queue-leader-locator` of the queue's effective
 *   policy wins over its `x-queue-leader-locator` argument (measured on 3.10.8), else
 *   `client-local`.
 */
export function assessCluster(state: ClusterState, actual: Topology): ClusterReport {
  const running = state.nodes ? new Set(state.nodes.filter((n) => n.running).map((n) => n.name)) : undefined;
  const isUp = (node: string): boolean => running?.has(node) ?? true;
  const placements = [...state.queues].sort((a, b) => compareStrings(a.vhost, b.vhost) || compareStrings(a.name, b.name));
  // Only replicated queues are looked up (their target size, their leader locator); a single
  // node places none, and its plan need not index every queue of 100,000.
  const replicated = placements.some((p) => p.type === 'quorum' || p.type === 'stream');
  const queues = new Map(replicated ? actual.vhosts.flatMap((v) => v.queues.map((q) => [namedKey(q), q] as const)) : []);

  const unavailable: UnavailableQueue[] = [];
  const replicas: ReplicaProblem[] = [];
  for (const p of placements) {
    if (p.type === 'quorum' || p.type === 'stream') {
      const problem = replicaProblem(p, queues.get(namedKey(p)), state.nodes, isUp);
      if (problem) replicas.push(problem);
      const members = p.members ?? [];
      const online = members.length - (problem?.offline.length ?? 0);
      if (members.length > 0 && online < Math.floor(members.length / 2) + 1) {
        unavailable.push({ vhost: p.vhost, name: p.name, type: p.type, why: 'no-quorum', nodes: problem?.offline ?? [] });
      }
    } else if (p.node !== undefined && (p.state === 'down' || !isUp(p.node))) {
      unavailable.push({ vhost: p.vhost, name: p.name, type: p.type, why: 'home-node-down', nodes: [p.node] });
    }
  }
  return {
    ...(state.name !== undefined ? { name: state.name } : {}),
    ...(state.version !== undefined ? { version: state.version } : {}),
    ...(state.nodes ? { nodes: state.nodes.map((n) => nodeReport(n, placements)) } : {}),
    unavailable,
    replicas,
    leaderLocators: leaderLocators(placements, actual, queues),
  };
}

function nodeReport(node: NodeState, placements: readonly QueuePlacement[]): NonNullable<ClusterReport['nodes']>[number] {
  let leaders = 0;
  let classicQueues = 0;
  for (const p of placements) {
    if (p.type === 'quorum' && p.leader === node.name) leaders++;
    else if (p.type === 'stream' && p.node === node.name) leaders++;
    else if (p.type === 'classic' && p.node === node.name) classicQueues++;
  }
  return {
    name: node.name,
    running: node.running,
    partitions: [...node.partitions],
    alarms: [...(node.memAlarm ? (['memory'] as const) : []), ...(node.diskAlarm ? (['disk'] as const) : [])],
    leaders,
    classicQueues,
  };
}

function replicaProblem(
  p: QueuePlacement,
  queue: Queue | undefined,
  nodes: readonly NodeState[] | undefined,
  isUp: (node: string) => boolean,
): ReplicaProblem | undefined {
  // A stream's members come from its statistics, which a new leader may not have sent yet.
  if (p.members === undefined) return undefined;
  const members = p.members;
  // A quorum queue's `online` comes from its replicas themselves; a stream's only from statistics.
  const offline = members.filter((m) => !isUp(m) || (p.type === 'quorum' && p.online !== undefined && !p.online.includes(m)));
  const size = nodes?.length;
  const target = size === undefined ? members.length : Math.min(wantedSize(p.type as QueueType, queue, size), size);
  const missing = Math.max(0, target - members.length);
  if (offline.length === 0 && missing === 0) return undefined;
  return {
    vhost: p.vhost,
    name: p.name,
    type: p.type as 'quorum' | 'stream',
    members: [...members],
    offline,
    target,
    missing,
    candidates: (nodes ?? []).filter((n) => n.running && !members.includes(n.name)).map((n) => n.name),
  };
}

function wantedSize(type: QueueType, queue: Queue | undefined, clusterSize: number): number {
  const arg = queue?.arguments[type === 'quorum' ? 'x-quorum-initial-group-size' : 'x-initial-cluster-size'];
  if (typeof arg === 'number' && arg >= 1) return arg;
  return type === 'quorum' ? DEFAULT_QUORUM_SIZE : clusterSize;
}

function leaderLocators(
  placements: readonly QueuePlacement[],
  actual: Topology,
  queues: ReadonlyMap<string, Queue>,
): LeaderLocatorCount[] {
  const counts = new Map<string, LeaderLocatorCount>();
  const vhosts = new Map(actual.vhosts.map((v) => [v.name, v]));
  for (const p of placements) {
    if (p.type !== 'quorum' && p.type !== 'stream') continue;
    const vhost = vhosts.get(p.vhost);
    const queue = queues.get(namedKey(p));
    const policy = vhost ? effectivePolicy(vhost.policies, p.name, { kind: 'queue', type: p.type }) : undefined;
    const fromPolicy = policy?.definition['queue-leader-locator'];
    const fromArgument = queue?.arguments['x-queue-leader-locator'];
    const entry: Omit<LeaderLocatorCount, 'queues'> =
      typeof fromPolicy === 'string'
        ? { locator: fromPolicy, source: 'policy', policy: policy!.name }
        : typeof fromArgument === 'string'
          ? { locator: fromArgument, source: 'argument' }
          : { locator: DEFAULT_LOCATOR, source: 'default' };
    const key = `${entry.locator}\u0000${entry.source}\u0000${entry.policy ?? ''}`;
    const known = counts.get(key);
    if (known) known.queues++;
    else counts.set(key, { ...entry, queues: 1 });
  }
  return [...counts.values()].sort(
    (a, b) =>
      b.queues - a.queues ||
      compareStrings(a.locator, b.locator) ||
      compareStrings(a.source, b.source) ||
      compareStrings(a.policy ?? '', b.policy ?? ''),
  );
}
