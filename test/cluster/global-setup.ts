/**
 * Starts the local 3-node cluster before the cluster tier and removes it after
 * (scripts/cluster-ready.sh: nodes topo-cN@127.0.1.N beside the host's own broker, which it
 * never touches). `start` is idempotent: a cluster left running is reused, and repaired if a
 * node is down.
 */
import { clusterScript } from './cluster.js';

export async function setup(): Promise<void> {
  await clusterScript('start');
}

export async function teardown(): Promise<void> {
  await clusterScript('stop');
}
