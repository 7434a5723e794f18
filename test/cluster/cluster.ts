/**
 * The local 3-node cluster of scripts/cluster-ready.sh, for the cluster tier: its layout, its
 * nodes' control (stop, kill, start), and reads made without topo (the management API of one
 * chosen node, AMQP to one chosen node), so that tests check topo's work independently.
 */
import { execFile } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import amqp from 'amqplib';

const SCRIPT = fileURLToPath(new URL('../../scripts/cluster-ready.sh', import.meta.url));
const run = promisify(execFile);

/** Runs `scripts/cluster-ready.sh ARGS…`; resolves with its stdout, rejects with its last error line. */
export async function clusterScript(...args: string[]): Promise<string> {
  try {
    return (await run('bash', [SCRIPT, ...args], { maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    throw new Error(`cluster-ready.sh ${args.join(' ')} failed: ${stderr.trim().split('\n').at(-1) ?? String(error)}`);
  }
}

/** The cluster's layout, as `cluster-ready.sh env` prints it (no cluster needed to read it). */
const ENV = Object.fromEntries(
  execFileSync('bash', [SCRIPT, 'env'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
) as Record<string, string>;

const list = (key: string): string[] => ENV[key]!.split(',');

/** Node N (1..3): its name, management URL and AMQP URL. */
export const NODES = list('TOPO_CLUSTER_NODES').map((name, i) => ({
  n: i + 1,
  name,
  mgmt: list('TOPO_CLUSTER_MGMT_URLS')[i]!,
  amqp: list('TOPO_CLUSTER_AMQP_URLS')[i]!,
}));
export const CLUSTER_NAME = ENV.TOPO_CLUSTER_NAME!;
export const USER = ENV.TOPO_CLUSTER_USER!;
export const PASSWORD = ENV.TOPO_CLUSTER_PASSWORD!;

export const node = (n: number) => NODES[n - 1]!;

/** Gracefully stops node N; resolves once the others report it down. */
export const stopNode = (n: number) => clusterScript('stop-node', String(n));
/** SIGKILLs node N (a crash); resolves once the others report it down. */
export const killNode = (n: number) => clusterScript('kill-node', String(n));
/** Starts node N again; resolves once the others report it running. */
export const startNode = (n: number) => clusterScript('start-node', String(n));
/** `rabbitmqctl eval EXPR` on node N. */
export const evalOn = (n: number, expr: string) => clusterScript('ctl', String(n), 'eval', expr);

const auth = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

/** One management API call to node N's own API; throws on an unexpected status. */
export async function mgmtAt<T = unknown>(n: number, method: string, path: string, body?: unknown, expect = [200, 201, 204]): Promise<T> {
  const res = await fetch(`${node(n).mgmt}/api${path}`, {
    method,
    headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!expect.includes(res.status)) throw new Error(`${method} ${path} on node ${n}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export const enc = encodeURIComponent;

/** An AMQP connection to node N itself, in `vhost`. */
function connectTo(n: number, vhost: string) {
  const url = new URL(node(n).amqp);
  url.username = USER;
  url.password = PASSWORD;
  url.pathname = `/${enc(vhost)}`;
  return amqp.connect(url.toString());
}

/** Publishes `count` persistent messages to each queue over AMQP on node N, with publisher confirms. */
export async function publishOn(n: number, vhost: string, queues: readonly string[], count: number): Promise<void> {
  const connection = await connectTo(n, vhost);
  try {
    const channel = await connection.createConfirmChannel();
    for (const q of queues) for (let i = 0; i < count; i++) channel.sendToQueue(q, Buffer.from(`${q}-${i}`), { persistent: true });
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}

/** Ready messages of each queue, exactly (passive declare over AMQP on node N). */
export async function countsOn(n: number, vhost: string, queues: readonly string[]): Promise<Record<string, number>> {
  const connection = await connectTo(n, vhost);
  try {
    const channel = await connection.createChannel();
    const counts: Record<string, number> = {};
    for (const q of queues) counts[q] = (await channel.checkQueue(q)).messageCount;
    return counts;
  } finally {
    await connection.close();
  }
}
