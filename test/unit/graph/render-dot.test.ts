import { describe, expect, it } from 'vitest';
import { quote, renderDot } from '../../../src/graph/render-dot.js';
import { exchange, queue, topology, vhost } from '../../support/builders.js';
import { graphSample } from './sample.js';
import { itReturns } from '../support/it-returns.js';

describe('renderDot', () => {
  it('draws the same picture as Mermaid, in DOT', () => {
    expect(renderDot(graphSample())).toBe(`digraph topology {
  graph [rankdir=LR, fontname="Helvetica,Arial,sans-serif"];
  node [fontname="Helvetica,Arial,sans-serif", fontsize=11];
  edge [fontname="Helvetica,Arial,sans-serif", fontsize=10];
  v0_x0 [label="dlx\\ndirect", shape=hexagon, style="filled", fillcolor="#e3f2fd", color="#1565c0"];
  v0_x1 [label="later\\nx-delayed-message, transient", shape=component, style="filled", fillcolor="#eceff1", color="#455a64"];
  v0_x2 [label="orders\\ntopic", shape=parallelogram, style="filled", fillcolor="#fff3e0", color="#ef6c00"];
  v0_x3 [label="pdf\\nheaders", shape=trapezium, style="filled", fillcolor="#f3e5f5", color="#6a1b9a"];
  v0_x4 [label="unrouted\\nfanout, internal", shape=ellipse, style="filled", fillcolor="#e8f5e9", color="#2e7d32"];
  v0_q5 [label="billing\\nquorum", shape=cylinder, style="filled", fillcolor="#fffde7", color="#f9a825"];
  v0_q6 [label="dead", shape=cylinder, style="filled", fillcolor="#fffde7", color="#f9a825"];
  v0_q7 [label="listener\\nexclusive, server-named", shape=cylinder, style="filled,dashed", fillcolor="#ffffff", color="#f9a825"];
  v0_q8 [label="retry", shape=cylinder, style="filled", fillcolor="#fffde7", color="#f9a825"];
  v0_q9 [label="temp.1\\nauto-delete", shape=cylinder, style="filled", fillcolor="#fffde7", color="#f9a825"];
  v0_x10 [label="amq.topic\\ntopic, built-in", shape=box, style="filled,dashed", fillcolor="#f5f5f5", color="#757575"];
  v0_x11 [label="graveyard\\nundeclared", shape=box, style="filled,dashed", fillcolor="#ffebee", color="#c62828"];
  v0_x10 -> v0_q7 [label="audit.#", color="#424242"];
  v0_x0 -> v0_q6 [label="dead", color="#424242"];
  v0_x2 -> v0_x3 [label="#", color="#424242"];
  v0_x2 -> v0_q5 [label="order.created\\norder.paid", color="#424242"];
  v0_x3 -> v0_q9 [label="x-match=any\\ncode=\\"7\\"\\ncolor=true\\nformat=pdf\\npages=3", color="#424242"];
  v0_x4 -> v0_q7 [color="#424242"];
  v0_x2 -> v0_x4 [label="alternate", style=dotted, color="#757575", fontcolor="#757575"];
  v0_q5 -> v0_x0 [label="dead-letter\\nkey dead", style=dotted, color="#c62828", fontcolor="#c62828"];
  v0_q8 -> v0_q5 [label="dead-letter", style=dotted, color="#c62828", fontcolor="#c62828"];
  v0_q9 -> v0_x11 [label="dead-letter\\npolicy temp-dlx", style=dotted, color="#c62828", fontcolor="#c62828"];
}
`);
  });

  it('draws one cluster per vhost when there are several', () => {
    const t = topology(
      vhost({ name: '/', queues: [queue({ name: 'a' })] }),
      vhost({ name: 'b', exchanges: [exchange({ name: 'x', type: 'fanout' })] }),
    );
    expect(renderDot(t)).toBe(`digraph topology {
  graph [rankdir=LR, fontname="Helvetica,Arial,sans-serif"];
  node [fontname="Helvetica,Arial,sans-serif", fontsize=11];
  edge [fontname="Helvetica,Arial,sans-serif", fontsize=10];
  subgraph cluster_v0 {
    label="vhost /";
    v0_q0 [label="a", shape=cylinder, style="filled", fillcolor="#fffde7", color="#f9a825"];
  }
  subgraph cluster_v1 {
    label="vhost b";
    v1_x0 [label="x\\nfanout", shape=ellipse, style="filled", fillcolor="#e8f5e9", color="#2e7d32"];
  }
}
`);
  });

  itReturns(quote, 'quotes %j', [
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash \\N \\l', '"back\\\\slash \\\\N \\\\l"'],
    ['a\nb', '"a\\nb"'],
    ['tab\there\r', '"tab here "'],
    ['ü 注文 <b> &amp; {x} -> y;', '"ü 注文 <b> &amp;amp; {x} -> y;"'],
  ]);
});
