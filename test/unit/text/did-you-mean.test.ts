import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../../src/text/did-you-mean.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['queue', 'queues', 1],
    ['durabel', 'durable', 1],
    ['kitten', 'sitting', 3],
    ['abc', 'abc', 0],
  ])('%s ~ %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('stops early past the limit', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});

describe('didYouMean', () => {
  it('suggests the nearest likely typo, ignoring case', () => {
    expect(didYouMean('ordres', ['orders', 'billing'])).toBe('orders');
    expect(didYouMean('Orders', ['orders'])).toBe('orders');
    expect(didYouMean('q3', ['q2', 'orders'])).toBe('q2');
  });

  it('suggests nothing when no name is near', () => {
    expect(didYouMean('shipping', ['billing', 'audit'])).toBeUndefined();
    expect(didYouMean('/', ['a', 'b'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });

  it('breaks ties by code point', () => {
    expect(didYouMean('ab', ['ac', 'aa'])).toBe('aa');
  });
});
