import type { Topology } from '../model/topology.js';
import { buildGraph, type Graph, type GraphEdge, type GraphNode, type RenderGraphOptions, type NodeCategory } from './graph-model.js';
import { EDGE_COLORS, NODE_STYLES } from './node-style.js';

/**
 * A Mermaid flowchart of the topology (or of `options.vhost`): exchanges shaped and coloured
 * by type, queues as cylinders (exclusive runtime queues dashed), bindings as arrows
 * labelled with their routing keys or header arguments, alternate-exchange and dead-letter
 * routes as dotted arrows. One subgraph per vhost when there are several. Every name is
 * escaped, so any name renders as itself. Pure; embeddable in Markdown as a ```mermaid block.
 */
export function renderMermaid(topology: Topology, options: RenderGraphOptions = {}): string {
  return mermaidOf(buildGraph(topology, options));
}

function mermaidOf(graph: Graph): string {
  const lines = ['flowchart LR'];
  const nested = graph.clusters.length > 1;
  for (const cluster of graph.clusters) {
    const indent = nested ? '    ' : '  ';
    if (nested) lines.push(`  subgraph ${cluster.id}["${escape(`vhost ${cluster.vhost}`)}"]`);
    for (const node of cluster.nodes) lines.push(`${indent}${node.id}${shape(node)}:::${node.category}`);
    if (nested) lines.push('  end');
  }
  const edges = graph.clusters.flatMap((c) => c.edges);
  for (const edge of edges) lines.push(`  ${edge.from} ${arrow(edge)} ${edge.to}`);
  const used = new Set(graph.clusters.flatMap((c) => c.nodes.map((n) => n.category)));
  for (const category of Object.keys(NODE_STYLES) as NodeCategory[]) {
    if (used.has(category)) lines.push(`  classDef ${category} ${classStyle(category)}`);
  }
  edges.forEach((edge, i) => {
    if (edge.kind !== 'binding') lines.push(`  linkStyle ${i} stroke:${EDGE_COLORS[edge.kind]},color:${EDGE_COLORS[edge.kind]}`);
  });
  return `${lines.join('\n')}\n`;
}

function shape(node: GraphNode): string {
  const label = `"${[escape(node.name), ...node.detail.map((d) => `<small>${escape(d)}</small>`)].join('<br/>')}"`;
  switch (node.category) {
    case 'direct':
      return `{{${label}}}`;
    case 'fanout':
      return `([${label}])`;
    case 'topic':
      return `[/${label}/]`;
    case 'headers':
      return `[/${label}\\]`;
    case 'plugin':
      return `[[${label}]]`;
    case 'builtin':
      return `[${label}]`;
    case 'undeclared':
      return node.kind === 'queue' ? `[(${label})]` : `[${label}]`;
    case 'queue':
    case 'runtime':
      return `[(${label})]`;
    default: {
      const impossible: never = node.category;
      return impossible;
    }
  }
}

function arrow(edge: GraphEdge): string {
  const line = edge.kind === 'binding' ? '-->' : '-.->';
  return edge.label.length === 0 ? line : `${line}|"${edge.label.map(escape).join('<br/>')}"|`;
}

function classStyle(category: NodeCategory): string {
  const { fill, stroke, dashed } = NODE_STYLES[category];
  return `fill:${fill},stroke:${stroke},color:#000${dashed ? ',stroke-dasharray:5 5' : ''}`;
}

/**
 * Text safe inside a quoted Mermaid label: Mermaid reads `#name;` and `#123;` as entities and
 * labels as HTML, so the characters that could start either (and the quote, and a backtick,
 * which opens a Markdown string) become numeric entities; control characters become spaces.
 */
export function escape(text: string): string {
  return text.replace(/[#"&<>`]/g, (c) => `#${c.codePointAt(0)};`).replace(/\p{Cc}/gu, ' ');
}
