import type { EdgeKind, NodeCategory } from './graph-model.js';

/** Colours and stroke of a node category, the same in every drawing language. */
export interface NodeStyle {
  fill: string;
  stroke: string;
  /** Drawn with a dashed outline: not declared by this spec, or only alive at runtime. */
  dashed: boolean;
}

export const NODE_STYLES: Readonly<Record<NodeCategory, NodeStyle>> = {
  direct: { fill: '#e3f2fd', stroke: '#1565c0', dashed: false },
  fanout: { fill: '#e8f5e9', stroke: '#2e7d32', dashed: false },
  topic: { fill: '#fff3e0', stroke: '#ef6c00', dashed: false },
  headers: { fill: '#f3e5f5', stroke: '#6a1b9a', dashed: false },
  plugin: { fill: '#eceff1', stroke: '#455a64', dashed: false },
  builtin: { fill: '#f5f5f5', stroke: '#757575', dashed: true },
  undeclared: { fill: '#ffebee', stroke: '#c62828', dashed: true },
  queue: { fill: '#fffde7', stroke: '#f9a825', dashed: false },
  runtime: { fill: '#ffffff', stroke: '#f9a825', dashed: true },
};

/** Edge colours; alternate and dead-letter edges are also dotted. */
export const EDGE_COLORS: Readonly<Record<EdgeKind, string>> = {
  binding: '#424242',
  alternate: '#757575',
  'dead-letter': '#c62828',
};
