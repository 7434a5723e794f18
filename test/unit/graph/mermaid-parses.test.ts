/**
 * The Mermaid output checked by Mermaid itself: each picture is parsed by mermaid's own
 * flowchart parser, and the nodes, labels and edges it read are compared with the graph
 * topo meant to draw. Mermaid sanitizes labels with DOMPurify, which needs a DOM: jsdom
 * provides one (happy-dom's DOMPurify drops text before a `<br>`, so it would not do).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/graph/graph-model.js';
import { renderMermaid } from '../../../src/graph/render-mermaid.js';
import type { Topology } from '../../../src/model/topology.js';
import { loadExamples } from './examples.js';
import { graphSample, oddTopology } from './sample.js';

interface Vertex {
  id: string;
  text: string;
  type: string;
  classes: string[];
}
interface Edge {
  start: string;
  end: string;
  text: string;
  stroke: string;
}
interface FlowDb {
  getVertices(): Map<string, Vertex>;
  getEdges(): Edge[];
  getSubGraphs(): { id: string; title: string; nodes: string[] }[];
}
interface Mermaid {
  parse(text: string): Promise<unknown>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: FlowDb }> };
}

let mermaid: Mermaid;
let htmlText: (html: string) => string;

beforeAll(async () => {
  const { JSDOM } = await import('jsdom');
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  mermaid = (await import('mermaid')).default as unknown as Mermaid;
  // What a reader sees of a label: Mermaid draws it as HTML, so entities are decoded, tags
  // are not shown and <br> breaks the line.
  htmlText = (html) => {
    const element = dom.window.document.createElement('div');
    element.innerHTML = html.replace(/<br\s*\/?>/g, '\n');
    return element.textContent ?? '';
  };
});

/** Mermaid keeps `#34;` and `#quot;` entities in an internal form until it draws; undo both. */
function decode(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>' };
  return text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => `&#${code};`)
    .replace(/ﬂ°(\w+)¶ß/g, (whole, name: string) => (named[name] === undefined ? whole : `&${name};`));
}

const seen = (mermaidText: string) => htmlText(decode(mermaidText));
const visible = (text: string) => text.replace(/\p{Cc}/gu, ' ');

async function checkParses(topology: Topology): Promise<void> {
  const text = renderMermaid(topology);
  await mermaid.parse(text);
  const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
  const graph = buildGraph(topology);
  const nodes = graph.clusters.flatMap((c) => c.nodes);
  const vertices = db.getVertices();
  expect([...vertices.keys()].sort()).toEqual(nodes.map((n) => n.id).sort());
  for (const node of nodes) {
    const vertex = vertices.get(node.id)!;
    expect(seen(vertex.text)).toBe([visible(node.name), ...node.detail].join('\n'));
    expect(vertex.classes).toEqual([node.category]);
  }
  const edges = graph.clusters.flatMap((c) => c.edges);
  expect(
    db.getEdges().map((e) => ({ from: e.start, to: e.end, label: seen(e.text), dotted: e.stroke === 'dotted' })),
  ).toEqual(edges.map((e) => ({ from: e.from, to: e.to, label: e.label.map(visible).join('\n'), dotted: e.kind !== 'binding' })));
  const subgraphs = db.getSubGraphs().map((s) => seen(s.title));
  expect(subgraphs).toEqual(graph.clusters.length > 1 ? graph.clusters.map((c) => `vhost ${visible(c.vhost)}`) : []);
}

describe('Mermaid output, read by the mermaid parser', () => {
  it('parses the sample with every kind of node and edge', async () => {
    await checkParses(graphSample());
  });

  it('parses names full of quotes, entities, arrows and keywords, and reads them back as written', async () => {
    await checkParses(oddTopology());
  });

  it('rejects a broken picture (the check can fail)', async () => {
    await expect(mermaid.parse('flowchart LR\n  a[("unclosed) --> b\n')).rejects.toThrow();
  });

  it.each(loadExamples())('parses the picture of $file', async ({ topology }) => {
    await checkParses(await topology());
  });
});
