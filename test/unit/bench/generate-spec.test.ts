import { describe, expect, it } from 'vitest';
import {
  benchObjects,
  DEFAULT_SIZE,
  objectCount,
  renderDefinitions,
  renderSpecYaml,
  sizeFromObjects,
  sizeFromQueues,
} from '../../../bench/generate-spec.js';
import { topologyFromDefinitions } from '../../../src/broker/from-definitions.js';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import { validateSpecSources } from '../../../src/load/validate-spec-sources.js';

function specTopology(yaml: string) {
  const result = validateSpecSources([{ file: 'bench-spec.yaml', text: yaml }], { vars: {}, env: {} });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  return result.topology;
}

describe('benchmark topology', () => {
  it('has the default size of issue 7: 5,000 queues and bindings over 100 exchanges', () => {
    expect(sizeFromObjects(10_000)).toEqual(DEFAULT_SIZE);
    expect(objectCount(DEFAULT_SIZE)).toBe(10_100);
    const objects = benchObjects(DEFAULT_SIZE);
    expect(objects.exchanges).toHaveLength(100);
    expect(objects.queues).toHaveLength(5000);
    expect(objects.bindings).toHaveLength(5000);
    expect(new Set(objects.bindings.map((b) => b.source)).size).toBe(100);
  });

  it('gives a third of the queues arguments, of every kind', () => {
    const queues = benchObjects(sizeFromQueues(300)).queues;
    const withArguments = queues.filter((q) => Object.keys(q.arguments).length > 0);
    expect(withArguments).toHaveLength(100);
    const keys = new Set(withArguments.flatMap((q) => Object.keys(q.arguments)));
    expect(keys).toEqual(new Set(['x-message-ttl', 'x-max-length', 'x-overflow', 'x-dead-letter-exchange', 'x-dead-letter-routing-key']));
  });

  it.each([
    [10, 1],
    [500, 10],
    [10_000, 200],
  ])('scales the exchanges with the queues (%i queues -> %i exchanges)', (queues, exchanges) => {
    expect(sizeFromQueues(queues)).toEqual({ queues, exchanges });
  });

  it('writes a valid spec and definitions of exactly the same objects', () => {
    const objects = benchObjects(sizeFromQueues(150));
    const vhost = 'topo-bench-unit';
    const desired = specTopology(renderSpecYaml(objects, vhost));
    const imported = topologyFromDefinitions(renderDefinitions(objects) as never, { vhost });
    expect(desired.vhosts[0]?.queues).toHaveLength(150);
    expect(desired.vhosts[0]?.bindings).toHaveLength(150);
    expect(diffTopology(desired, imported)).toEqual([]);
  });

  it('is deterministic', () => {
    const size = sizeFromQueues(60);
    expect(renderSpecYaml(benchObjects(size), 'v')).toBe(renderSpecYaml(benchObjects(size), 'v'));
  });
});
