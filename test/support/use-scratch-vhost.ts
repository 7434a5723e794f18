import { afterAll, beforeAll } from 'vitest';
import { scratchVhost } from './broker.js';

/**
 * For a describe block: a scratch vhost made before its first test and deleted after its last.
 * Its `name` is there while the tests run.
 */
export function useScratchVhost(label: string): { readonly name: string } {
  let vhost: { name: string; dispose: () => Promise<void> } | undefined;
  beforeAll(async () => {
    vhost = await scratchVhost(label);
  });
  afterAll(async () => {
    await vhost?.dispose();
  });
  return {
    get name() {
      if (!vhost) throw new Error('the scratch vhost exists only while the tests run');
      return vhost.name;
    },
  };
}
