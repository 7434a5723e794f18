import { describe, expect, it } from 'vitest';
import { countOf } from '../../../src/text/count-of.js';
import { oneLine } from '../../../src/text/one-line.js';

describe('countOf', () => {
  it.each([
    [0, 'queue', undefined, '0 queues'],
    [1, 'queue', undefined, '1 queue'],
    [2, 'policy', 'policies', '2 policies'],
    [1, 'policy', 'policies', '1 policy'],
  ])('%i %s', (n, one, many, text) => {
    expect(countOf(n, one, many)).toBe(text);
  });
});

describe('oneLine', () => {
  it.each([
    [new Error('refused\n  by the broker\r\n(403)'), 'refused by the broker (403)'],
    ['  tabs\tand  spaces  ', 'tabs and spaces'],
    [42, '42'],
  ])('%j', (input, text) => {
    expect(oneLine(input)).toBe(text);
  });
});
