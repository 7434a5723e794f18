/**
 * One spec applied through one node, then planned and applied with node 1 stopped: every
 * connection (management API, the apply lock, exact counts over AMQP) fails over, through
 * flags and through environment variables; the queue whose home node is down is reported,
 * its bindings are not re-proposed, and a plan that needs it is refused naming the node.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runStep } from '../../src/apply/run-step.js';
import { createConnection } from '../../src/broker/create-connection.js';
import { ManagementClient } from '../../src/broker/management-client.js';
import { AMQP_URL as HOST_AMQP_URL } from '../support/broker.js';
import { CLUSTER_NAME, countsOn, enc, evalOn, mgmtAt, node, NODES, PASSWORD, publishOn, startNode, stopNode, USER } from './cluster.js';
import { specFile, topo } from './run-topo.js';

const VHOST = `shop-${Date.now().toString(36)}`;
const [N1, N2, N3] = NODES.map((n) => n.name) as [string, string, string];

/** The spec: classic queues (homed where the apply ran), quorum queues placed two ways, a stream. */
function spec(extra: { queues?: string[]; ttl?: number } = {}): string {
  const queues = (extra.queues ?? []).map((q) => `      ${q}: {}`);
  const ttl = extra.ttl === undefined ? '{}' : `{ arguments: { x-message-ttl: ${extra.ttl} } }`;
  return `version: 1
vhosts:
  ${VHOST}:
    exchanges:
      orders: { type: topic }
    queues:
      home-c1: ${ttl}
      second-c1: {}
      orders-qq: { type: quorum, arguments: { x-queue-leader-locator: balanced } }
      spread-qq: { type: quorum }
      events: { type: stream }
${queues.join('\n')}
    bindings:
      - { source: orders, destination: home-c1, routingKey: "home.#" }
      - { source: orders, destination: second-c1, routingKey: "second.#" }
      - { source: orders, destination: orders-qq, routingKey: "order.#" }
    policies:
      spread: { pattern: "^spread", applyTo: queues, definition: { queue-leader-locator: balanced } }
`.replace(/\n\n/g, '\n');
}

const URLS = NODES.map((n) => n.mgmt);
const urlFlags = URLS.flatMap((u) => ['--url', u]);

interface QueueRow {
  name: string;
  node?: string;
  leader?: string;
  type: string;
  arguments: Record<string, unknown>;
}
const queuesOn = (n: number) => mgmtAt<QueueRow[]>(n, 'GET', `/queues/${enc(VHOST)}?disable_stats=true&columns=name,node,leader,type,arguments`);

afterAll(async () => {
  // Leave the cluster whole for the next file, whatever happened here.
  await startNode(1);
});

describe('a cluster with node 1 stopped', () => {
  it('applies through one node, and plans zero changes through each of the others, with the cluster in the header', async () => {
    const file = await specFile('shop.yaml', spec());
    const applied = await topo(['apply', file, '--yes', '--url', node(1).mgmt]);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    // The management API declares a classic queue on the node that serves the call.
    const rows = await queuesOn(2);
    expect(rows.find((q) => q.name === 'home-c1')?.node).toBe(N1);
    await publishOn(2, VHOST, ['home-c1', 'orders-qq'], 5);
    // An unmanaged quorum queue: pruning it needs an exact count over AMQP.
    await mgmtAt(2, 'PUT', `/queues/${enc(VHOST)}/stray-qq`, { durable: true, arguments: { 'x-queue-type': 'quorum' } });

    for (const n of [2, 3]) {
      const plan = await topo(['plan', file, '--url', node(n).mgmt, '--detailed-exitcode']);
      expect(plan.stderr).toBe('');
      expect(plan.code).toBe(0);
      expect(plan.stdout).toContain(`Cluster "${CLUSTER_NAME}" (RabbitMQ 3.10.8): 3 nodes, 3 running\n`);
      expect(plan.stdout).toContain('No changes. The broker matches the spec.');
    }
    // Where the leaders are, as the broker itself reports them.
    const plan = await topo(['plan', file, '--url', node(3).mgmt]);
    const all = await queuesOn(3);
    for (const name of [N1, N2, N3]) {
      const leaders = all.filter((q) => (q.type === 'quorum' ? q.leader : q.type === 'stream' ? q.node : undefined) === name).length;
      const classic = all.filter((q) => q.type === 'classic' && q.node === name).length;
      expect(plan.stdout).toMatch(new RegExp(`\\n  ${name.replace(/\./g, '\\.')}  running  ${leaders} leaders?, ${classic} classic queues?\\n`));
    }
    expect(plan.stdout).toContain('  leaders placed by: 2 client-local (the default), 1 balanced (x-queue-leader-locator), 1 balanced (policy "spread")\n');
  });

  it('refuses, in one line, to take the lock on a broker of another cluster', async () => {
    const file = await specFile('shop.yaml', spec({ queues: ['never'] }));
    const result = await topo(['apply', file, '--yes', '--url', node(1).mgmt, '--amqp-url', HOST_AMQP_URL.replace(/\/\/[^@]*@/, '//')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^topo: the AMQP server at amqp://[^ ]+ belongs to cluster "[^"]+", not to cluster "${CLUSTER_NAME}" that the management API at ${node(1).mgmt} manages; point --amqp-url \\(or TOPO_AMQP_URL\\) at its nodes\\n$`));
    expect((await queuesOn(2)).map((q) => q.name)).not.toContain('never');
  });

  it('plans with node 1 stopped (flags): the queue homed there is unavailable, its bindings are not re-proposed', async () => {
    await stopNode(1);
    const file = await specFile('shop.yaml', spec());
    const plan = await topo(['plan', file, ...urlFlags, '--prune']);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(`3 nodes, 2 running, 1 down\n  ${N1}  down     home of 2 classic queues\n`);
    expect(plan.stdout).toContain(`    queue "home-c1" in vhost "${VHOST}" (classic): its home node ${N1} is down (1 binding of the spec not checked)\n`);
    expect(plan.stdout).toContain(`    quorum queue "orders-qq" in vhost "${VHOST}": 2 of 3 members online; offline: ${N1}\n`);
    expect(plan.stdout).not.toContain('+ binding');
    // The only change: pruning the quorum queue, counted exactly over AMQP on a running node.
    expect(plan.stdout).toContain('    - queue "stray-qq" (0 messages)\n');
    expect(plan.stdout).toContain('Plan: 0 to create, 0 to update, 0 to replace, 1 to delete.');
    // A stream's members come from its statistics: shown once its new leader has sent them.
    const streamLine = `    stream "events" in vhost "${VHOST}": 2 of 3 members online; offline: ${N1}\n`;
    await expect.poll(async () => (await topo(['plan', file, ...urlFlags])).stdout, { timeout: 15_000, interval: 1_000 }).toContain(streamLine);
  });

  it('applies with node 1 stopped through TOPO_URL and TOPO_AMQP_URL (node 1 first in both)', async () => {
    const file = await specFile('shop.yaml', spec({ queues: ['added'] }));
    const env = { TOPO_URL: URLS.join(','), TOPO_AMQP_URL: NODES.map((n) => n.amqp).join(',') };
    const result = await topo(['apply', file, '--yes', '--prune'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Apply complete: 2 steps done.');
    const names = (await queuesOn(2)).map((q) => q.name);
    expect(names).toContain('added');
    expect(names).not.toContain('stray-qq');
    // Live routing tests publish over AMQP too, on the same endpoints (classic queues only:
    // creating and deleting quorum queues with a member down is slow on the broker's side).
    const routing = await specFile('routing.yaml', `version: 1
vhosts:
  ${VHOST}:
    exchanges: { orders: { type: topic } }
    queues: { audit: {} }
    bindings: [{ source: orders, destination: audit, routingKey: "order.#" }]
tests:
  - { name: orders are audited, exchange: orders, routingKey: order.1, expect: [audit] }
`);
    const live = await topo(['test', routing, '--live'], env);
    expect(live.stderr).toBe('');
    expect(live.stdout).toContain('1 passed, 0 failed');
    expect(live.code).toBe(0);
  });

  it('applies with node 1 stopped through --url and a --amqp-url list', async () => {
    const file = await specFile('shop.yaml', spec({ queues: ['added', 'added2'] }));
    const result = await topo(['apply', file, '--yes', ...urlFlags, '--amqp-url', NODES.map((n) => n.amqp).join(',')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await queuesOn(3)).map((q) => q.name)).toContain('added2');
  });

  it('refuses a plan that needs the queue homed on the stopped node, naming the node, and changes nothing', async () => {
    const file = await specFile('shop.yaml', spec({ queues: ['added', 'added2', 'not-yet'], ttl: 1000 }));
    const result = await topo(['apply', file, '--yes', '--allow-replace', '--allow-data-loss', ...urlFlags]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`  queue "home-c1" in vhost "${VHOST}" is replaced, but its home node ${N1} is down\n`);
    expect(result.stderr).toBe(`topo: apply refused: node ${N1} is down and 1 change of the plan needs it; nothing was changed\n`);
    expect((await queuesOn(2)).map((q) => q.name)).not.toContain('not-yet');
  });

  it('never takes the 404 of a queue whose home node is down for "deleted", even when a step is run directly', async () => {
    const client = new ManagementClient(createConnection({ urls: URLS, user: USER, password: PASSWORD }));
    try {
      for (const ifEmpty of [true, false]) {
        await expect(runStep(client, { op: 'delete-queue', vhost: VHOST, name: 'home-c1', ifEmpty })).rejects.toThrow(
          `queue "home-c1" in vhost "${VHOST}" is unavailable: its home node ${N1} is down; it was not deleted`,
        );
      }
    } finally {
      client.close();
    }
  });

  it('converges once node 1 is back: zero changes through every node, and no message lost', async () => {
    await startNode(1);
    const file = await specFile('shop.yaml', spec({ queues: ['added', 'added2'] }));
    for (const n of [1, 2, 3]) {
      const plan = await topo(['plan', file, '--url', node(n).mgmt, '--detailed-exitcode']);
      expect(plan.stderr).toBe('');
      expect(plan.code).toBe(0);
    }
    expect(await countsOn(1, VHOST, ['home-c1', 'orders-qq'])).toEqual({ 'home-c1': 5, 'orders-qq': 5 });
    expect((await queuesOn(1)).find((q) => q.name === 'home-c1')?.arguments).toEqual({ 'x-queue-type': 'classic' }); // declared with its type (a vhost's default type may differ)
  });

  it('shows a quorum queue that lost a member, with the command that adds it back (apply cannot)', async () => {
    const file = await specFile('shop.yaml', spec({ queues: ['added', 'added2'] }));
    await evalOn(1, `rabbit_quorum_queue:delete_member(<<"${VHOST}">>, <<"orders-qq">>, '${N2}').`);
    const short = await topo(['plan', file, '--url', node(3).mgmt, '--detailed-exitcode']);
    expect(short.code).toBe(0);
    expect(short.stdout).toContain(
      `    quorum queue "orders-qq" in vhost "${VHOST}": 2 of 2 members online; 1 missing of 3; add with: rabbitmq-queues add_member --vhost ${VHOST} orders-qq ${N2}\n`,
    );
    await evalOn(1, `rabbit_quorum_queue:add_member(<<"${VHOST}">>, <<"orders-qq">>, '${N2}', 30000).`);
    const whole = await topo(['plan', file, '--url', node(3).mgmt]);
    expect(whole.stdout).not.toContain('orders-qq');
  });
});
