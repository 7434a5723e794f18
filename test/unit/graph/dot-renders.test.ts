/**
 * The DOT output checked by Graphviz itself: `dot -Tsvg` must accept every picture without a
 * warning, and the SVG must show every node's name and every edge label as topo meant it.
 * Needs Graphviz (`bash scripts/graphviz-ready.sh` installs it from Debian's packages).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/graph/graph-model.js';
import { renderDot } from '../../../src/graph/render-dot.js';
import type { Topology } from '../../../src/model/topology.js';
import { loadExamples } from './examples.js';
import { graphSample, oddTopology } from './sample.js';

const hasDot = spawnSync('dot', ['-V']).status === 0;
if (!hasDot) console.warn('SKIPPED: Graphviz `dot` is not installed; run `bash scripts/graphviz-ready.sh`');

function svgOf(dot: string): string {
  const run = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

/** The text lines Graphviz drew: the contents of every `<text>` element, entities decoded. */
function drawnTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
      .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
      .replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!),
  );
}

function expectDrawn(topology: Topology): void {
  const texts = drawnTexts(svgOf(renderDot(topology)));
  const graph = buildGraph(topology);
  // Graphviz draws each label line as its own <text>, with leading and trailing spaces trimmed.
  const lines = (text: string) => text.split('\n').map((l) => l.replace(/\p{Cc}/gu, ' ').trim());
  const expected = [
    ...(graph.clusters.length > 1 ? graph.clusters.map((c) => `vhost ${c.vhost}`) : []),
    ...graph.clusters.flatMap((c) => c.nodes.flatMap((n) => [...lines(n.name), ...n.detail])),
    ...graph.clusters.flatMap((c) => c.edges.flatMap((e) => e.label.flatMap(lines))),
  ].filter((l) => l !== '');
  expect([...texts].sort()).toEqual(expected.sort());
}

describe.skipIf(!hasDot)('DOT output, drawn by Graphviz', () => {
  it('draws the sample with every kind of node and edge', () => {
    expectDrawn(graphSample());
  });

  it('draws names full of quotes, backslashes, escapes and unicode as written', () => {
    expectDrawn(oddTopology());
  });

  it('rejects a broken picture (the check can fail)', () => {
    const run = spawnSync('dot', ['-Tsvg'], { input: 'digraph { a -> ; }', encoding: 'utf8' });
    expect(run.status).not.toBe(0);
  });

  it('has examples to draw', () => {
    expect(loadExamples().length).toBeGreaterThan(0);
  });

  it.each(loadExamples())('draws $file', async ({ topology }) => {
    expectDrawn(await topology());
  });
});
