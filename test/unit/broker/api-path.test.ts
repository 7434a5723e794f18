import { describe, expect, it } from 'vitest';
import { apiPath } from '../../../src/broker/api-path.js';

describe('apiPath', () => {
  it.each([
    [['vhosts', '/'], '/api/vhosts/%2F'],
    [['queues', '/', 'orders'], '/api/queues/%2F/orders'],
    [['queues', 'a/b', '50% off'], '/api/queues/a%2Fb/50%25%20off'],
    [['exchanges', 'v', 'x#y?z&w'], '/api/exchanges/v/x%23y%3Fz%26w'],
    [['queues', 'v', 'été ☃'], '/api/queues/v/%C3%A9t%C3%A9%20%E2%98%83'],
    [['bindings', 'v', 'e', 'src', 'q', 'dst', '~'], '/api/bindings/v/e/src/q/dst/~'],
    [['overview'], '/api/overview'],
  ])('%j -> %s', (segments, path) => {
    expect(apiPath(...segments)).toBe(path);
  });

  it('round-trips every segment through decoding', () => {
    const segments = ['queues', '/%#? +é\u{1F600}', 'a/b/c'];
    const decoded = apiPath(...segments).split('/').slice(2).map(decodeURIComponent);
    expect(decoded).toEqual(segments);
  });
});
