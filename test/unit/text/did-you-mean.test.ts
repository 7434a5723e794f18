import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../../src/text/did-you-mean.js';
import { seededRandom } from '../../support/seeded-random.js';

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

/** The textbook table, every cell computed: what editDistance must agree with. */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, (d[i - 2]?.[j - 2] as number) + 1);
    }
  }
  return d[a.length]?.[b.length] as number;
}

describe('editDistance against the full table', () => {
  it('agrees on random strings, with and without a limit', () => {
    const random = seededRandom(11);
    const word = () => Array.from({ length: Math.floor(random() * 9) }, () => 'abcd'[Math.floor(random() * 4)]).join('');
    for (let k = 0; k < 3000; k++) {
      const [a, b] = [word(), word()];
      const exact = referenceDistance(a, b);
      const limit = Math.floor(random() * 6);
      expect(editDistance(a, b), `${a} ~ ${b}`).toBe(exact);
      expect(editDistance(a, b, limit), `${a} ~ ${b} within ${limit}`).toBe(exact <= limit ? exact : limit + 1);
    }
  });
});

describe('didYouMean against a scan of the full table', () => {
  it('suggests what the nearest candidate by the full table is, ties by code point', () => {
    const random = seededRandom(12);
    const word = () => Array.from({ length: 1 + Math.floor(random() * 7) }, () => 'abcAB'[Math.floor(random() * 5)]).join('');
    for (let k = 0; k < 2000; k++) {
      const name = word();
      const candidates = Array.from({ length: Math.floor(random() * 8) }, word);
      const limit = Math.max(1, Math.floor(name.length / 3));
      const scored = candidates
        .filter((c) => c !== name)
        .map((c) => [referenceDistance(name.toLowerCase(), c.toLowerCase()), c] as const)
        .filter(([d]) => d <= limit && d < name.length)
        .sort(([d1, c1], [d2, c2]) => d1 - d2 || (c1 < c2 ? -1 : c1 > c2 ? 1 : 0));
      expect(didYouMean(name, candidates), `${name} among ${candidates.join(',')}`).toBe(scored[0]?.[1]);
    }
  });
});

describe('didYouMean on many names', () => {
  it('suggests among 5,000 declared names for 5,000 undeclared ones in well under a second each', () => {
    const declared = Array.from({ length: 5000 }, (_, i) => `bench.q.${String(i).padStart(5, '0')}`);
    const started = performance.now();
    for (let i = 0; i < 5000; i += 250) expect(didYouMean(`bench.qq.${String(i).padStart(5, '0')}`, declared)).toBe(declared[i]);
    expect((performance.now() - started) / 20).toBeLessThan(100);
  });

  it('gives no hint for a name longer than 255 characters', () => {
    const long = 'x'.repeat(300);
    expect(didYouMean(long, [`${long}y`])).toBeUndefined();
  });
});
