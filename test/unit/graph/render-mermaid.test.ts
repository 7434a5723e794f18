import { describe, expect, it } from 'vitest';
import { escape, renderMermaid } from '../../../src/graph/render-mermaid.js';
import { exchange, queue, topology, vhost } from '../../support/builders.js';
import { graphSample } from './sample.js';
import { itReturns } from '../support/it-returns.js';

describe('renderMermaid', () => {
  it('draws exchanges by type, queues, labelled bindings, alternate and dead-letter routes', () => {
    expect(renderMermaid(graphSample())).toBe(`flowchart LR
  v0_x0{{"dlx<br/><small>direct</small>"}}:::direct
  v0_x1[["later<br/><small>x-delayed-message, transient</small>"]]:::plugin
  v0_x2[/"orders<br/><small>topic</small>"/]:::topic
  v0_x3[/"pdf<br/><small>headers</small>"\\]:::headers
  v0_x4(["unrouted<br/><small>fanout, internal</small>"]):::fanout
  v0_q5[("billing<br/><small>quorum</small>")]:::queue
  v0_q6[("dead")]:::queue
  v0_q7[("listener<br/><small>exclusive, server-named</small>")]:::runtime
  v0_q8[("retry")]:::queue
  v0_q9[("temp.1<br/><small>auto-delete</small>")]:::queue
  v0_x10["amq.topic<br/><small>topic, built-in</small>"]:::builtin
  v0_x11["graveyard<br/><small>undeclared</small>"]:::undeclared
  v0_x10 -->|"audit.#35;"| v0_q7
  v0_x0 -->|"dead"| v0_q6
  v0_x2 -->|"#35;"| v0_x3
  v0_x2 -->|"order.created<br/>order.paid"| v0_q5
  v0_x3 -->|"x-match=any<br/>code=#34;7#34;<br/>color=true<br/>format=pdf<br/>pages=3"| v0_q9
  v0_x4 --> v0_q7
  v0_x2 -.->|"alternate"| v0_x4
  v0_q5 -.->|"dead-letter<br/>key dead"| v0_x0
  v0_q8 -.->|"dead-letter"| v0_q5
  v0_q9 -.->|"dead-letter<br/>policy temp-dlx"| v0_x11
  classDef direct fill:#e3f2fd,stroke:#1565c0,color:#000
  classDef fanout fill:#e8f5e9,stroke:#2e7d32,color:#000
  classDef topic fill:#fff3e0,stroke:#ef6c00,color:#000
  classDef headers fill:#f3e5f5,stroke:#6a1b9a,color:#000
  classDef plugin fill:#eceff1,stroke:#455a64,color:#000
  classDef builtin fill:#f5f5f5,stroke:#757575,color:#000,stroke-dasharray:5 5
  classDef undeclared fill:#ffebee,stroke:#c62828,color:#000,stroke-dasharray:5 5
  classDef queue fill:#fffde7,stroke:#f9a825,color:#000
  classDef runtime fill:#ffffff,stroke:#f9a825,color:#000,stroke-dasharray:5 5
  linkStyle 6 stroke:#757575,color:#757575
  linkStyle 7 stroke:#c62828,color:#c62828
  linkStyle 8 stroke:#c62828,color:#c62828
  linkStyle 9 stroke:#c62828,color:#c62828
`);
  });

  it('draws one subgraph per vhost when there are several, and only one vhost when asked', () => {
    const t = topology(
      vhost({ name: '/', queues: [queue({ name: 'a' })] }),
      vhost({ name: 'b "2"', exchanges: [exchange({ name: 'x', type: 'fanout' })] }),
    );
    expect(renderMermaid(t)).toBe(`flowchart LR
  subgraph v0["vhost /"]
    v0_q0[("a")]:::queue
  end
  subgraph v1["vhost b #34;2#34;"]
    v1_x0(["x<br/><small>fanout</small>"]):::fanout
  end
  classDef fanout fill:#e8f5e9,stroke:#2e7d32,color:#000
  classDef queue fill:#fffde7,stroke:#f9a825,color:#000
`);
    expect(renderMermaid(t, { vhost: 'b "2"' })).toBe(`flowchart LR
  v0_x0(["x<br/><small>fanout</small>"]):::fanout
  classDef fanout fill:#e8f5e9,stroke:#2e7d32,color:#000
`);
    expect(renderMermaid(t, { vhost: 'none' })).toBe('flowchart LR\n');
  });

  itReturns(escape, 'escapes %j inside a label', [
    ['say "hi"', 'say #34;hi#34;'],
    ['#quot;', '#35;quot;'],
    ['<b>&amp;</b>', '#60;b#62;#38;amp;#60;/b#62;'],
    ['`md`', '#96;md#96;'],
    ['a\nb\tc', 'a b c'],
    ['ü 注文 | ; %% -->', 'ü 注文 | ; %% --#62;'],
  ]);
});
