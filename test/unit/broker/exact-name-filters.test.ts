import { describe, expect, it } from 'vitest';
import { exactNameFilters } from '../../../src/broker/read-state.js';

// The broker runs these as PCRE (Erlang `re`); for the escapes used here JavaScript's RegExp
// agrees, so it stands in for the broker in this pure test.
describe('exactNameFilters', () => {
  const odd = ['a.b', 'a*b', '(x)', '[y]', '{z}', 'p|q', 'c$', '^d', 'back\\slash', 'plus+', 'q?', '50% off #1', 'été/☃'];

  it('matches each name exactly and nothing else', () => {
    const [filter, ...rest] = exactNameFilters(odd);
    expect(rest).toEqual([]);
    const re = new RegExp(filter!);
    for (const name of odd) expect(re.test(name)).toBe(true);
    for (const other of ['aXb', 'aab', 'x', 'y', 'p', 'q', 'c', 'd', 'plus', 'a.b.c', ' a.b', '50% off #', 'zz']) {
      expect(re.test(other)).toBe(false);
    }
  });

  it('splits many names into several filters, each name in exactly one', () => {
    const names = Array.from({ length: 250 }, (_, i) => `queue-${i}`);
    const filters = exactNameFilters(names);
    expect(filters.length).toBe(3);
    const regexes = filters.map((f) => new RegExp(f));
    for (const name of names) expect(regexes.filter((re) => re.test(name)).length).toBe(1);
  });

  it('keeps each filter short even for long names', () => {
    const names = Array.from({ length: 20 }, (_, i) => `${'x'.repeat(200)}-${i}`);
    const filters = exactNameFilters(names);
    expect(filters.length).toBeGreaterThan(1);
    for (const f of filters) expect(f.length).toBeLessThan(2000);
  });
});
