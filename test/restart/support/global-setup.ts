/**
 * globalSetup of the restart tier (vitest.restart.config.ts): starts a throwaway node and
 * points every test of the tier at it through the `TOPO_*` variables that test/support/broker.ts
 * reads (the workers inherit this process's environment); stops it and deletes its dir after.
 */
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { chooseThrowawayPlace, throwawayNode } from './throwaway-node.js';

export default async function setup(): Promise<() => Promise<void>> {
  const place = await chooseThrowawayPlace();
  const teardown = async () => {
    await throwawayNode(place, 'stop').catch(() => undefined);
    await rm(dirname(place.TOPO_THROWAWAY_DIR), { recursive: true, force: true });
  };
  try {
    await throwawayNode(place, 'start');
  } catch (error) {
    await teardown();
    throw error;
  }
  const described = Object.fromEntries(
    (await throwawayNode(place, 'env'))
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  // The broker the other tiers share, for the test that proves it is left alone.
  process.env.TOPO_SHARED_AMQP_URL = process.env.TOPO_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
  Object.assign(process.env, place, {
    TOPO_URL: described.TOPO_THROWAWAY_MGMT_URL,
    TOPO_AMQP_URL: described.TOPO_THROWAWAY_AMQP_URL,
    TOPO_USER: described.TOPO_THROWAWAY_USER,
    TOPO_PASSWORD: described.TOPO_THROWAWAY_PASSWORD,
  });
  return teardown;
}
