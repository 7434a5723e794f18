import { describe, expect, it } from 'vitest';
import { maximum, median } from '../../../bench/median.js';

describe('median', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[5], 5],
    [[Number.NaN, 7, 1], 4],
  ])('of %j is %d', (samples, expected) => {
    expect(median(samples)).toBe(expected);
  });

  it('is NaN without samples, and so is the maximum', () => {
    expect(median([])).toBeNaN();
    expect(maximum([Number.NaN])).toBeNaN();
    expect(maximum([2, 9, 4])).toBe(9);
  });
});
