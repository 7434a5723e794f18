import { describe, expect, it } from 'vitest';
import { selectVhosts } from '../../../src/export/select-vhosts.js';
import { routingTest, topology, vhost } from '../../support/builders.js';

const broker = () => {
  const t = topology(vhost({ name: '/' }), vhost({ name: 'a' }), vhost({ name: 'b' }));
  t.tests = [routingTest({ vhost: 'a' }), routingTest({ vhost: 'b' })];
  return t;
};

describe('selectVhosts', () => {
  it('keeps everything when no vhost is named', () => {
    expect(selectVhosts(broker(), [], 'on the broker')).toEqual({ ok: true, topology: broker() });
  });

  it('keeps the named vhosts and their tests, in topology order', () => {
    const selected = selectVhosts(broker(), ['b', '/'], 'on the broker');
    expect(selected.ok && selected.topology.vhosts.map((v) => v.name)).toEqual(['/', 'b']);
    expect(selected.ok && selected.topology.tests.map((t) => t.vhost)).toEqual(['b']);
  });

  it('names every missing vhost, quoted, and where it was looked for', () => {
    expect(selectVhosts(broker(), ['a', 'x y', 'z"'], 'in defs.json')).toEqual({
      ok: false,
      error: 'no vhost "x y", "z\\"" in defs.json',
    });
  });

  it('suggests the nearest known vhost for a near miss, from the topology or from the names given', () => {
    const t = topology(vhost({ name: 'orders' }), vhost({ name: 'billing' }));
    expect(selectVhosts(t, ['ordres', 'zzz'], 'in defs.json')).toEqual({
      ok: false,
      error: 'no vhost "ordres" (did you mean "orders"?), "zzz" in defs.json',
    });
    expect(selectVhosts(topology(), ['biling'], 'on the broker', ['/', 'billing'])).toEqual({
      ok: false,
      error: 'no vhost "biling" (did you mean "billing"?) on the broker',
    });
  });
});
