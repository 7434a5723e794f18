import { describe, expect, it } from 'vitest';
import { perVhostFiles } from '../../../src/export/per-vhost-files.js';
import { topologyToYaml } from '../../../src/export/topology-to-yaml.js';
import { queue, routingTest, topology, vhost } from '../../support/builders.js';

describe('perVhostFiles', () => {
  it('writes one file per vhost, named after it, with its own tests and the modeline', () => {
    const t = topology(vhost({ name: '/', queues: [queue({ name: 'a' })] }), vhost({ name: 'Orders/EU', queues: [queue({ name: 'b' })] }));
    t.tests = [routingTest({ vhost: 'Orders/EU', name: 't' })];
    const files = perVhostFiles(t, '/out', '../schema.json');
    expect(files.map((f) => [f.file, f.vhost])).toEqual([
      ['/out/default.yaml', '/'],
      ['/out/orders-eu.yaml', 'Orders/EU'],
    ]);
    expect(files[1]!.text).toBe(topologyToYaml({ vhosts: [t.vhosts[1]!], tests: t.tests }, { schemaPath: '../schema.json' }));
    expect(files[0]!.text).not.toContain('tests:');
  });
});
