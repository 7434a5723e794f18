import { describe, expect, it } from 'vitest';
import { quote, renderDot } from '../../../src/graph/render-dot.js';
import { exchange, queue, topology, vhost } from '../../support/builders.js';
import { graphSample, graphSampleOutput } from './sample.js';
import { itReturns } from '../support/it-returns.js';

describe('renderDot', () => {
  it('draws the same picture as Mermaid, in DOT', () => {
    expect(renderDot(graphSample())).toBe(graphSampleOutput('sample.dot'));
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
