import { describe, expect, it } from 'vitest';
import { lines, topologyOf, validateYaml } from './spec-helpers.js';

describe('a vhost\'s defaultQueueType', () => {
  it('is read into the vhost, and absent (not managed) when the spec leaves it out', () => {
    const topology = topologyOf('vhosts:\n  shop:\n    defaultQueueType: quorum\n  other: {}\n');
    expect(topology.vhosts.map((v) => [v.name, v.defaultQueueType])).toEqual([
      ['other', undefined],
      ['shop', 'quorum'],
    ]);
    expect(topology.vhosts[0]).not.toHaveProperty('defaultQueueType');
  });

  it('is one of the queue types', () => {
    expect(lines(validateYaml('vhosts:\n  shop:\n    defaultQueueType: quorom\n'))).toEqual([
      'spec.yaml:3:23: vhost "shop": defaultQueueType must be one of classic, quorum, stream (did you mean "quorum"?)',
    ]);
  });

  it('may be repeated in several files only with the same value', () => {
    expect(lines(validateYaml({
      'a.yaml': 'vhosts:\n  shop:\n    defaultQueueType: quorum\n',
      'b.yaml': 'vhosts:\n  shop:\n    defaultQueueType: quorum\n',
      'c.yaml': 'vhosts:\n  shop:\n    defaultQueueType: classic\n',
    }))).toEqual([
      'c.yaml:3:23: vhost "shop": defaultQueueType is declared again with a different value (first at a.yaml:3:23)',
    ]);
  });
});
