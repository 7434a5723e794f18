import { describe, expect, it } from 'vitest';
import { scratchVhostName } from '../../../src/live-test/scratch-vhost-name.js';

describe('scratchVhostName', () => {
  it.each([
    ['order-events', 'topo-live-order-events-abcd'],
    ['/', 'topo-live-default-abcd'],
    ['Tutorial 1/Hello_World', 'topo-live-tutorial-1-hello-world-abcd'],
    ['--/x//', 'topo-live-x-abcd'],
    ['ünïcode', 'topo-live-n-code-abcd'],
    ['a'.repeat(60), `topo-live-${'a'.repeat(40)}-abcd`],
    [`${'b'.repeat(39)}/c`, `topo-live-${'b'.repeat(39)}-abcd`],
  ])('%j becomes %j', (vhost, name) => {
    expect(scratchVhostName(vhost, 'abcd')).toBe(name);
  });

  it('is different on every call, with 8 random hex digits', () => {
    const a = scratchVhostName('v');
    const b = scratchVhostName('v');
    expect(a).toMatch(/^topo-live-v-[0-9a-f]{8}$/);
    expect(b).toMatch(/^topo-live-v-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });
});
