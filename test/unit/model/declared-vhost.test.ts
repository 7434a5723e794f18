import { describe, expect, it } from 'vitest';
import { declaredVhost } from '../../../src/model/declared-vhost.js';
import { topology, vhost } from '../../support/builders.js';

const spec = topology(vhost({ name: 'prod' }), vhost({ name: 'staging' }));

describe('declaredVhost', () => {
  it.each([
    ['a declared vhost', spec, 'prod', { ok: true, vhost: 'prod' }],
    ['a near miss', spec, 'prd', { ok: false, error: 'vhost "prd" is not declared in the spec (did you mean "prod"?)' }],
    ['a far miss', spec, '/', { ok: false, error: 'vhost "/" is not declared in the spec (the spec declares "prod", "staging")' }],
    ['a spec without vhosts', topology(), '/', { ok: false, error: 'vhost "/" is not declared in the spec (the spec declares none)' }],
  ])('%s', (_label, t, name, expected) => {
    expect(declaredVhost(t, name)).toEqual(expected);
  });
});
