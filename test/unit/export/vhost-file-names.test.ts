import { describe, expect, it } from 'vitest';
import { splitByVhost } from '../../../src/export/split-by-vhost.js';
import { vhostFileNames } from '../../../src/export/vhost-file-names.js';
import { topology, vhost } from '../../support/builders.js';

describe('vhostFileNames', () => {
  it.each([
    ['/', 'default.yaml'],
    ['orders', 'orders.yaml'],
    ['Orders/EU', 'orders-eu.yaml'],
    ['team a / prod', 'team-a-prod.yaml'],
    ['café', 'cafe.yaml'],
    ['..', 'vhost-'],
    ['-rf', 'rf.yaml'],
    ['.hidden', 'hidden.yaml'],
    ['v1.2_x', 'v1.2_x.yaml'],
  ])('names the file of %j %j', (name, file) => {
    const got = vhostFileNames([name]).get(name)!;
    if (file.endsWith('.yaml')) expect(got).toBe(file);
    else expect(got).toMatch(new RegExp(`^${file}[0-9a-f]{8}\\.yaml$`));
  });

  it('gives a name without letters or digits a hashed name', () => {
    expect(vhostFileNames(['注文']).get('注文')).toMatch(/^vhost-[0-9a-f]{8}\.yaml$/);
  });

  it('tells colliding names apart by a hash, and the exact name keeps the plain file', () => {
    const names = vhostFileNames(['Orders', 'orders', 'ORDERS!', '/', 'default']);
    expect(names.get('orders')).toBe('orders.yaml');
    expect(names.get('/')).toBe('default.yaml');
    expect(names.get('Orders')).toMatch(/^orders-[0-9a-f]{8}\.yaml$/);
    expect(names.get('ORDERS!')).toMatch(/^orders-[0-9a-f]{8}\.yaml$/);
    expect(names.get('default')).toMatch(/^default-[0-9a-f]{8}\.yaml$/);
    const files = [...names.values()].map((f) => f.toLowerCase());
    expect(new Set(files).size).toBe(files.length);
  });

  it('names colliding vhosts the same whatever other vhosts exist', () => {
    expect(vhostFileNames(['A', 'a!']).get('A')).toBe(vhostFileNames(['0', 'A', 'a!', 'zz']).get('A'));
    expect(vhostFileNames(['orders', 'A']).get('orders')).toBe('orders.yaml');
  });

  it('keeps long names short', () => {
    expect(vhostFileNames(['x'.repeat(300)]).get('x'.repeat(300))).toBe(`${'x'.repeat(80)}.yaml`);
  });
});

describe('splitByVhost', () => {
  it('gives each vhost its own topology with its own tests', () => {
    const t = topology(vhost({ name: '/' }), vhost({ name: 'b' }));
    t.tests = [
      { name: 't1', vhost: 'b', exchange: 'x', routingKey: '', headers: {}, expect: [] },
      { name: 't2', vhost: '/', exchange: 'x', routingKey: '', headers: {}, expect: [] },
    ];
    const parts = splitByVhost(t);
    expect(parts.map((p) => [p.vhosts.map((v) => v.name), p.tests.map((x) => x.name)])).toEqual([
      [['/'], ['t2']],
      [['b'], ['t1']],
    ]);
  });
});
