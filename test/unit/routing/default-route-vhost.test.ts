import { describe, expect, it } from 'vitest';
import { defaultRouteVhost } from '../../../src/routing/default-route-vhost.js';
import { topology, vhost } from '../../support/builders.js';

describe('defaultRouteVhost', () => {
  it.each([
    ['the only vhost', topology(vhost({ name: 'prod' })), 'prod'],
    ['/ among several', topology(vhost({ name: 'a' }), vhost({ name: 'b' })), '/'],
    ['/ without vhosts', topology(), '/'],
  ])('%s', (_label, t, expected) => {
    expect(defaultRouteVhost(t)).toBe(expected);
  });
});
