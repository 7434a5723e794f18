import type { Topology } from '../model/topology.js';
import { buildGraph, type Graph, type GraphEdge, type GraphNode, type RenderGraphOptions } from './graph-model.js';
import { EDGE_COLORS, NODE_STYLES } from './node-style.js';

const FONT = 'Helvetica,Arial,sans-serif';

/**
 * A Graphviz DOT digraph of the topology (or of `options.vhost`), the same picture as
 * `renderMermaid`: exchanges shaped and coloured by type, queues as cylinders (exclusive
 * runtime queues dashed), labelled binding edges, dotted alternate-exchange and dead-letter
 * edges, one cluster per vhost when there are several. Names are escaped, so any name is
 * drawn as itself. Pure; render with `dot -Tsvg`.
 */
export function renderDot(topology: Topology, options: RenderGraphOptions = {}): string {
  return dotOf(buildGraph(topology, options));
}

function dotOf(graph: Graph): string {
  const lines = [
    'digraph topology {',
    `  graph [rankdir=LR, fontname=${quote(FONT)}];`,
    `  node [fontname=${quote(FONT)}, fontsize=11];`,
    `  edge [fontname=${quote(FONT)}, fontsize=10];`,
  ];
  const nested = graph.clusters.length > 1;
  for (const cluster of graph.clusters) {
    const indent = nested ? '    ' : '  ';
    if (nested) lines.push(`  subgraph cluster_${cluster.id} {`, `    label=${quote(`vhost ${cluster.vhost}`)};`);
    for (const node of cluster.nodes) lines.push(`${indent}${node.id} [${nodeAttributes(node)}];`);
    if (nested) lines.push('  }');
  }
  for (const edge of graph.clusters.flatMap((c) => c.edges)) {
    lines.push(`  ${edge.from} -> ${edge.to}${edgeAttributes(edge)};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function nodeAttributes(node: GraphNode): string {
  const { fill, stroke, dashed } = NODE_STYLES[node.category];
  return [
    `label=${quote([node.name, ...node.detail].join('\n'))}`,
    `shape=${shape(node)}`,
    `style=${quote(dashed ? 'filled,dashed' : 'filled')}`,
    `fillcolor=${quote(fill)}`,
    `color=${quote(stroke)}`,
  ].join(', ');
}

function shape(node: GraphNode): string {
  switch (node.category) {
    case 'direct':
      return 'hexagon';
    case 'fanout':
      return 'ellipse';
    case 'topic':
      return 'parallelogram';
    case 'headers':
      return 'trapezium';
    case 'plugin':
      return 'component';
    case 'builtin':
      return 'box';
    case 'undeclared':
      return node.kind === 'queue' ? 'cylinder' : 'box';
    case 'queue':
    case 'runtime':
      return 'cylinder';
    default: {
      const impossible: never = node.category;
      return impossible;
    }
  }
}

function edgeAttributes(edge: GraphEdge): string {
  const attributes = [
    ...(edge.label.length === 0 ? [] : [`label=${quote(edge.label.join('\n'))}`]),
    ...(edge.kind === 'binding' ? [] : ['style=dotted']),
    `color=${quote(EDGE_COLORS[edge.kind])}`,
    ...(edge.kind === 'binding' ? [] : [`fontcolor=${quote(EDGE_COLORS[edge.kind])}`]),
  ];
  return ` [${attributes.join(', ')}]`;
}

/**
 * A DOT double-quoted string: backslash and quote escaped (so `\N`, `\G`, `\l` in a name stay
 * literal), `&` as `&amp;` (Graphviz decodes HTML entities such as `&amp;` even in plain
 * labels), a newline as DOT's centred line break, other control characters as spaces.
 */
export function quote(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(/\p{Cc}/gu, ' ');
  return `"${escaped}"`;
}
