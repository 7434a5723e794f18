import { afterEach, describe, expect, it } from 'vitest';
import { brokerTargetFromEnv } from '../../../bench/broker-http.js';
import { benchObjects, renderDefinitions, sizeFromQueues, type VhostDefinitions } from '../../../bench/generate-spec.js';
import { bulkImport, rawLoad, readDefinitions } from '../../../bench/raw-load.js';
import { definitionsOf, scratchVhost, withoutClassicType } from '../../support/broker.js';

const objects = benchObjects(sizeFromQueues(60));
const expected = renderDefinitions(objects);

/** The broker's definitions reduced to the fields the benchmark writes, sorted by name. */
function comparable(d: { exchanges: unknown[]; queues: unknown[]; bindings: unknown[] }): VhostDefinitions {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const defs = d as unknown as VhostDefinitions;
  return {
    exchanges: defs.exchanges.map(({ name, type, durable, auto_delete, internal, arguments: args }) => ({ name, type, durable, auto_delete, internal, arguments: args })).sort(byName),
    queues: defs.queues.map(({ name, durable, auto_delete, arguments: args }) => ({ name, durable, auto_delete, arguments: withoutClassicType(args) })).sort(byName),
    bindings: defs.bindings
      .map(({ source, destination, destination_type, routing_key, arguments: args }) => ({ source, destination, destination_type, routing_key, arguments: args }))
      .sort((a, b) => a.destination.localeCompare(b.destination)),
  };
}

describe('benchmark baselines on the real broker', () => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await dispose?.();
    dispose = undefined;
  });

  it('raw API calls create exactly the objects of the definitions', async () => {
    const vhost = await scratchVhost('bench-raw');
    dispose = vhost.dispose;
    await rawLoad(brokerTargetFromEnv(), vhost.name, objects, 4);
    expect(comparable(await definitionsOf(vhost.name))).toEqual(comparable(expected));
    expect(await readDefinitions(brokerTargetFromEnv(), vhost.name)).toBe(objects.exchanges.length + 2 * objects.queues.length);
  });

  it('the bulk import creates the same objects', async () => {
    const vhost = await scratchVhost('bench-bulk');
    dispose = vhost.dispose;
    await bulkImport(brokerTargetFromEnv(), vhost.name, expected);
    expect(comparable(await definitionsOf(vhost.name))).toEqual(comparable(expected));
  });
});
