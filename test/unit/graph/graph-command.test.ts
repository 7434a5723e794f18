import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { renderDot } from '../../../src/graph/render-dot.js';
import { renderMermaid } from '../../../src/graph/render-mermaid.js';
import { loadTopology } from '../../../src/load/load-topology.js';
import { EXAMPLES_DIR } from './examples.js';

const EXAMPLE = join(EXAMPLES_DIR, 'order-events.yaml');

async function topo(...args: string[]) {
  const io = bufferIO({});
  const code = await main(['node', 'topo', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('topo graph', () => {
  it('prints the Mermaid picture by default, and DOT with --format dot', async () => {
    const topology = await loadTopology([EXAMPLE]);
    expect(await topo('graph', EXAMPLE)).toEqual({ code: 0, stdout: renderMermaid(topology), stderr: '' });
    expect(await topo('graph', EXAMPLE, '--format', 'dot')).toEqual({ code: 0, stdout: renderDot(topology), stderr: '' });
  });

  it('draws one vhost with --vhost, and names the vhosts there are when it is not one of them', async () => {
    const topology = await loadTopology([EXAMPLE]);
    const [only] = topology.vhosts;
    expect((await topo('graph', EXAMPLE, '--vhost', only!.name)).stdout).toBe(renderMermaid(topology, { vhost: only!.name }));
    expect(await topo('graph', EXAMPLE, '--vhost', 'nope')).toEqual({
      code: 1,
      stdout: '',
      stderr: `topo: vhost "nope" is not declared in the spec (the spec declares "${only!.name}")\n`,
    });
  });

  it('reports an invalid spec instead of drawing it', async () => {
    const run = await topo('graph', join(EXAMPLES_DIR, 'missing.yaml'));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/missing\.yaml/);
  });
});
