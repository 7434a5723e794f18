import { describe, expect, it } from 'vitest';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import { planCompatibility } from '../../../src/plan/plan-compatibility.js';
import type { NormalizedTopology } from '../../../src/model/normalized-topology.js';
import { bind, exchange, queue, topology, vhost } from '../../support/builders.js';

const at = (line: number) => ({ file: 'spec.yaml', line, col: 7 });

/** The problems of planning `desired` against `actual` on a broker of `version`, as `line: severity: message`. */
function problems(desired: NormalizedTopology, actual: NormalizedTopology, version: string, permitted?: Record<string, boolean>): string[] {
  const deprecatedFeatures = Object.entries(permitted ?? {}).map(([name, ok]) => ({ name, phase: 'denied_by_default', permitted: ok }));
  const broker = { version, ...(permitted ? { deprecatedFeatures } : {}) };
  return planCompatibility(desired, diffTopology(desired, actual), broker).map((p) => `${p.loc?.line ?? 0}: ${p.severity}: ${p.message}`);
}

describe('planCompatibility', () => {
  it('judges only what the plan declares: an old queue the broker already holds never blocks a plan', () => {
    const old = queue({ name: 'old', durable: false, loc: at(3) });
    const fresh = queue({ name: 'fresh', durable: false, loc: at(4) });
    const desired = topology(vhost({ queues: [old, fresh] }));
    const actual = topology(vhost({ queues: [queue({ name: 'old', durable: false })] }));
    expect(problems(desired, actual, '4.3.0', { transient_nonexcl_queues: false })).toEqual([
      '4: error: queue "fresh": a queue that is neither durable nor exclusive is refused by RabbitMQ 4.3.0 (the deprecated feature transient_nonexcl_queues is denied); make it durable (with x-expires to clean it up) or exclusive',
    ]);
    expect(problems(desired, actual, '4.3.6', { transient_nonexcl_queues: true })[0]).toMatch(/^4: warning: queue "fresh": /);
  });

  it('judges the replacement of an object, and a re-created binding, in location order', () => {
    const desired = topology(
      vhost({
        exchanges: [exchange({ name: 't', type: 'topic', loc: at(5) })],
        queues: [queue({ name: 'q', arguments: { 'x-queue-version': 1 }, loc: at(2) })],
        bindings: [{ ...bind('t', 'q', '#.#.#'), loc: at(9) }],
      }),
    );
    const actual = topology(vhost({ exchanges: [exchange({ name: 't', type: 'direct' })], queues: [queue({ name: 'q' })] }));
    expect(problems(desired, actual, '4.3.6')).toEqual([
      '2: error: queue "q": x-queue-version 1 is refused by RabbitMQ 4.3 and later (classic queues v1 were removed); remove it, or use 2',
      '9: error: binding "t" -> "q": routing key "#.#.#" has 3 "#" wildcards; RabbitMQ 4.3.5 and later allow at most 2 in a topic binding key',
    ]);
  });

  it('judges a vhost that the plan creates or updates, and not one it leaves alone', () => {
    const desired = (description: string) => topology(vhost({ name: 'v', description, defaultQueueType: 'quorum', loc: at(1) }));
    const actual = topology(vhost({ name: 'v', description: 'same', defaultQueueType: 'quorum' }));
    const refused = [expect.stringMatching(/^1: error: vhost "v": defaultQueueType needs RabbitMQ 3.11 or later/)];
    expect(problems(desired('same'), topology(), '3.10.8')).toEqual(refused);
    expect(problems(desired('new'), actual, '3.10.8')).toEqual(refused);
    expect(problems(desired('same'), actual, '3.10.8')).toEqual([]);
  });
});
