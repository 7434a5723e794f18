import { unavailableWhy } from '../plan/cluster-blockers.js';
import type { ClusterNodeReport, ClusterReport, LeaderLocatorCount, ReplicaProblem } from '../plan/cluster-report.js';
import { countOf } from '../text/count-of.js';

/** Text shared by every human view of the cluster. */
const UNAVAILABLE_TITLE = 'Unavailable while a node is down (apply leaves them alone; their bindings are not checked)';
const REPLICAS_TITLE =
  'Replicas missing or offline (offline members catch up once their node is back; apply cannot add members: RabbitMQ 3.10 has no HTTP API for it)';
export const BLOCKED_TITLE = 'Apply cannot run this plan while these nodes are down (no flag allows it; plan again once they are back)';

/**
 * The cluster header of a plan, as lines without a trailing newline (nested lines indented by
 * two spaces): the nodes with their state, alarms and the leaders and classic queues of the
 * plan's vhosts they carry, network partitions, how leaders are placed, the queues that are
 * unavailable and the replicas missing or offline, with the command that adds a missing one.
 * Empty for a healthy single node, and for a plan made without a broker. Pure.
 */
export function clusterLines(report: ClusterReport | undefined): string[] {
  if (!report || !worthShowing(report)) return [];
  const nodes = report.nodes ?? [];
  const down = nodes.filter((n) => !n.running).length;
  const name = report.name === undefined ? 'Cluster' : `Cluster ${JSON.stringify(report.name)}`;
  const version = report.version === undefined ? '' : ` (RabbitMQ ${report.version})`;
  const counts = report.nodes
    ? `${countOf(nodes.length, 'node')}, ${nodes.length - down} running${down > 0 ? `, ${down} down` : ''}`
    : 'nodes not listed (listing them needs the monitoring tag)';
  const out = [`${name}${version}: ${counts}`];
  const width = Math.max(0, ...nodes.map((n) => n.name.length));
  for (const node of nodes) out.push(`  ${node.name.padEnd(width)}  ${nodeText(node)}`);
  for (const node of nodes) {
    if (node.partitions.length > 0) out.push(`  network partition: ${node.name} cannot reach ${node.partitions.join(', ')}`);
  }
  if (report.leaderLocators.length > 0) {
    out.push(`  leaders placed by: ${report.leaderLocators.map(locatorText).join(', ')}`);
  }
  if (report.unavailable.length > 0) {
    out.push(`  ${UNAVAILABLE_TITLE}:`);
    const lines = report.unavailable.map((u) => {
      const unchecked = u.bindingsNotChecked ? ` (${countOf(u.bindingsNotChecked, 'binding')} of the spec not checked)` : '';
      return `    queue ${JSON.stringify(u.name)} in vhost ${JSON.stringify(u.vhost)} (${u.type}): ${unavailableWhy(u)}${unchecked}`;
    });
    out.push(...atMost(lines, 'queues'));
  }
  if (report.replicas.length > 0) {
    out.push(`  ${REPLICAS_TITLE}:`);
    out.push(...atMost(report.replicas.map((r) => `    ${replicaText(r)}`), 'queues'));
  }
  return out;
}

/** Lists longer than this show their first lines and a count: a node down may strand thousands of queues. */
const MAX_LISTED = 10;

function atMost(lines: string[], what: string): string[] {
  if (lines.length <= MAX_LISTED) return lines;
  return [...lines.slice(0, MAX_LISTED), `    ... and ${lines.length - MAX_LISTED} more ${what} (plan --json lists them all)`];
}

/** A single healthy node has nothing to say; anything else does. */
function worthShowing(report: ClusterReport): boolean {
  const nodes = report.nodes ?? [];
  const trouble = nodes.some((n) => !n.running || n.alarms.length > 0 || n.partitions.length > 0);
  return nodes.length > 1 || trouble || report.unavailable.length > 0 || report.replicas.length > 0;
}

function nodeText(node: ClusterNodeReport): string {
  if (!node.running) return node.classicQueues > 0 ? `down     home of ${countOf(node.classicQueues, 'classic queue')}` : 'down';
  const alarms = node.alarms.map((a) => `${a} alarm`);
  return ['running', [countOf(node.leaders, 'leader'), countOf(node.classicQueues, 'classic queue'), ...alarms].join(', ')].join('  ');
}

function locatorText(l: LeaderLocatorCount): string {
  const why = l.source === 'policy' ? `policy ${JSON.stringify(l.policy)}` : l.source === 'argument' ? 'x-queue-leader-locator' : 'the default';
  return `${l.queues} ${l.locator} (${why})`;
}

function replicaText(r: ReplicaProblem): string {
  const what = `${r.type === 'quorum' ? 'quorum queue' : 'stream'} ${JSON.stringify(r.name)} in vhost ${JSON.stringify(r.vhost)}`;
  const parts = [`${r.members.length - r.offline.length} of ${countOf(r.members.length, 'member')} online`];
  if (r.offline.length > 0) parts.push(`offline: ${r.offline.join(', ')}`);
  if (r.missing > 0) {
    const add = r.candidates.slice(0, r.missing).map((node) => addMemberCommand(r, node));
    const how = add.length > 0 ? `; add with: ${add.join('; ')}` : ' (no running node is without a member)';
    parts.push(`${r.missing} missing of ${r.target}${how}`);
  }
  return `${what}: ${parts.join('; ')}`;
}

/** The RabbitMQ CLI command that adds a member on `node` (3.10 and later). */
function addMemberCommand(r: ReplicaProblem, node: string): string {
  const tool = r.type === 'quorum' ? 'rabbitmq-queues add_member' : 'rabbitmq-streams add_replica';
  return `${tool} --vhost ${shellQuote(r.vhost)} ${shellQuote(r.name)} ${shellQuote(node)}`;
}

/** A word as a POSIX shell reads it: bare when safe, else in single quotes. */
function shellQuote(word: string): string {
  return /^[A-Za-z0-9@%+=:,./_-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
