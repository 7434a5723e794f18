import { describe, expect, it } from 'vitest';
import type { Definitions } from '../../../src/broker/definitions.js';
import { definitionsTopology } from '../../../src/export/definitions-topology.js';

const queue = (name: string, vhost?: string) => ({ name, ...(vhost === undefined ? {} : { vhost }), durable: true });
const policy = (vhost: string) => ({ vhost, name: 'p', pattern: '.', 'apply-to': 'queues', priority: 0, definition: { 'max-length': 1 } });

const wholeBroker: Definitions = {
  vhosts: [{ name: 'a' }, { name: 'b' }],
  queues: [queue('qa', 'a'), queue('qb', 'b')],
};
const singleVhost = (policies: Definitions['policies'] = []): Definitions => ({ queues: [queue('q')], policies });

const vhostsOf = (result: ReturnType<typeof definitionsTopology>) =>
  result.ok ? result.topology.vhosts.map((v) => `${v.name}: ${v.queues.map((q) => q.name).join(' ')}`) : result.error;

describe('definitionsTopology', () => {
  it('takes every vhost of a whole-broker file, or those named', () => {
    expect(vhostsOf(definitionsTopology(wholeBroker, [], 'f.json'))).toEqual(['a: qa', 'b: qb']);
    expect(vhostsOf(definitionsTopology(wholeBroker, ['b'], 'f.json'))).toEqual(['b: qb']);
  });

  it('names the vhosts a whole-broker file lacks', () => {
    expect(definitionsTopology(wholeBroker, ['a', 'c'], 'f.json')).toEqual({ ok: false, error: 'no vhost "c" in f.json' });
  });

  it.each([
    ['the vhost given', singleVhost([policy('from-policy')]), ['chosen'], ['chosen: q']],
    ['else the one its policies name', singleVhost([policy('from-policy')]), [], ['from-policy: q']],
    ['else /, when they name none', singleVhost(), [], ['/: q']],
    ['else /, when they name several', singleVhost([policy('x'), { ...policy('y'), name: 'p2' }]), [], ['/: q']],
  ])('puts a single-vhost file in %s', (_label, definitions, vhosts, expected) => {
    expect(vhostsOf(definitionsTopology(definitions, vhosts, 'f.json'))).toEqual(expected);
  });

  it('refuses two vhosts for a single-vhost file', () => {
    expect(definitionsTopology(singleVhost(), ['a', 'b'], 'f.json')).toEqual({
      ok: false,
      error: 'f.json holds the objects of one vhost: give at most one --vhost to name it',
    });
  });
});
