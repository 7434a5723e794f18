/** A single healthy node: the plan knows it (JSON), and the text says nothing about it. */
import { afterAll, describe, expect, it } from 'vitest';
import { mgmt, scratchVhost } from '../../support/broker.js';
import { fixtureSpec, importFixture } from '../apply/fixture.js';
import { tempDir, topo } from '../apply/support.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

describe('plan against a single node', () => {
  it('carries the node in its JSON, with nothing blocked, and no cluster header in its text', async () => {
    const vhost = await scratchVhost('single-node');
    cleanups.push(vhost.dispose);
    await importFixture(vhost.name);
    const dir = await tempDir();
    cleanups.push(dir.dispose);
    const file = await dir.file('topology.yaml', fixtureSpec(vhost.name));

    const overview = await mgmt<{ cluster_name: string; node: string }>('GET', '/overview?columns=cluster_name,node');
    const json = JSON.parse((await topo(['plan', file, '--json'])).stdout) as {
      cluster: { name: string; nodes: { name: string; running: boolean }[]; unavailable: unknown[]; replicas: unknown[] };
      blocked: unknown[];
    };
    expect(json.cluster.name).toBe(overview.cluster_name);
    expect(json.cluster.nodes.map((n) => [n.name, n.running])).toEqual([[overview.node, true]]);
    expect(json.cluster.unavailable).toEqual([]);
    expect(json.cluster.replicas).toEqual([]);
    expect(json.blocked).toEqual([]);

    const text = await topo(['plan', file]);
    expect(text.stdout).not.toContain('Cluster');
    expect(text.stdout).toContain('No changes.');
  });
});
