import { describe, expect, it } from 'vitest';
import { interpolate, interpolateScalar, typedReferenceValue } from '../../../src/load/interpolate.js';
import { itReturns } from '../support/it-returns.js';

const sources = { vars: { env: 'prod', ttl: '60000', empty: '' }, env: { REGION: 'eu', UNSET: undefined } };

describe('interpolate', () => {
  it.each([
    ['orders-${var:env}', 'orders-prod'],
    ['${env:REGION}.${var:env}', 'eu.prod'],
    ['x${var:empty}y', 'xy'],
    ['no references', 'no references'],
    ['literal $${env:REGION}', 'literal ${env:REGION}'],
    ['price $5 {ok}', 'price $5 {ok}'],
  ])('%s → %s', (text, value) => {
    expect(interpolate(text, sources)).toEqual({ value, whole: false, problems: [] });
  });

  it('marks a text that is exactly one reference as whole', () => {
    expect(interpolate('${var:ttl}', sources)).toEqual({ value: '60000', whole: true, problems: [] });
    expect(interpolate(' ${var:ttl}', sources).whole).toBe(false);
  });

  it('reports a missing environment variable, also one that is present but undefined', () => {
    expect(interpolate('a-${env:NOPE}', sources).problems).toEqual([
      'environment variable NOPE is not set (referenced as ${env:NOPE})',
    ]);
    expect(interpolate('${env:UNSET}', sources).problems).toEqual([
      'environment variable UNSET is not set (referenced as ${env:UNSET})',
    ]);
  });

  it('reports a missing var with the flag that would set it', () => {
    expect(interpolate('${var:region}', sources).problems).toEqual(['no value for ${var:region} (pass --var region=VALUE)']);
  });

  it('does not take vars or environment variables from the object prototype', () => {
    expect(interpolate('${var:toString}', sources).problems).toHaveLength(1);
    expect(interpolate('${var:__proto__}', sources).problems).toHaveLength(1);
    // process.env inherits a constructor: it is no environment variable.
    expect(interpolate('${env:constructor}', { vars: {}, env: process.env }).problems).toEqual([
      'environment variable constructor is not set (referenced as ${env:constructor})',
    ]);
  });

  it('reports every problem of one text', () => {
    expect(interpolate('${var:a}-${env:B}', sources).problems).toHaveLength(2);
  });

  it('reports unknown and unterminated references', () => {
    expect(interpolate('${REGION}', sources).problems).toEqual([
      'unknown reference "${REGION}": write ${env:NAME} or ${var:key} (or $${ for a literal ${)',
    ]);
    expect(interpolate('${env:}', sources).problems).toHaveLength(1);
    expect(interpolate('a-${env:REGION', sources).problems).toEqual([
      'unterminated reference "a-${env:REGION": write ${env:NAME} or ${var:key}',
    ]);
  });
});

describe('typedReferenceValue', () => {
  itReturns(typedReferenceValue, '%j → %j', [
    ['60000', 60000],
    ['-5', -5],
    ['1.5', 1.5],
    ['true', true],
    ['false', false],
    ['007', '007'],
    ['1e3', '1e3'],
    ['prod', 'prod'],
    ['', ''],
  ]);
});

describe('interpolateScalar', () => {
  it('types a value that is exactly one resolved reference, never a key or a text around one', () => {
    expect(interpolateScalar('${var:ttl}', sources, false)).toEqual({ value: 60000, problems: [] });
    expect(interpolateScalar('${var:ttl}', sources, true)).toEqual({ value: '60000', problems: [] });
    expect(interpolateScalar('x${var:ttl}', sources, false)).toEqual({ value: 'x60000', problems: [] });
  });

  it('leaves an unresolved reference as written, with its problem', () => {
    expect(interpolateScalar('${var:nope}', sources, false)).toEqual({
      value: '${var:nope}',
      problems: ['no value for ${var:nope} (pass --var nope=VALUE)'],
    });
  });
});
