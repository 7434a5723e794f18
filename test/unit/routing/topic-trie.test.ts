import { describe, expect, it } from 'vitest';
import { buildTopicTrie, matchTopic, splitTopicKey } from '../../../src/routing/topic-trie.js';

const matching = (patterns: string[], key: string): string[] =>
  matchTopic(buildTopicTrie(patterns), key).map((i) => patterns[i] as string);

describe('splitTopicKey', () => {
  it.each([
    ['', []],
    ['a', ['a']],
    ['a.b', ['a', 'b']],
    ['.', ['', '']],
    ['a.', ['a', '']],
    ['.a', ['', 'a']],
    ['a..b', ['a', '', 'b']],
    ['*.#', ['*', '#']],
  ])('%j has words %j', (key, words) => {
    expect(splitTopicKey(key)).toEqual(words);
  });
});

describe('matchTopic: the cases of RabbitMQ’s own topic_matching test', () => {
  // deps/rabbit/test/unit_access_control_SUITE.erl (v3.10.8), bindings t1..t27.
  const bindings: Record<string, string> = {
    t1: 'a.b.c', t2: 'a.*.c', t3: 'a.#.b', t4: 'a.b.b.c', t5: '#', t6: '#.#', t7: '#.b', t8: '*.*',
    t9: 'a.*', t10: '*.b.c', t11: 'a.#', t12: 'a.#.#', t13: 'b.b.c', t14: 'a.b.b', t15: 'a.b',
    t16: 'b.c', t17: '', t18: '*.*.*', t19: 'vodka.martini', t20: 'a.b.c', t21: '*.#', t22: '#.*.#',
    t23: '*.#.#', t24: '#.#.#', t25: '*', t26: '#.b.#', t27: 'args-test',
  };
  const names = Object.keys(bindings);
  const trie = buildTopicTrie(Object.values(bindings));
  it.each([
    ['a.b.c', 't1 t2 t5 t6 t10 t11 t12 t18 t20 t21 t22 t23 t24 t26'],
    ['a.b', 't3 t5 t6 t7 t8 t9 t11 t12 t15 t21 t22 t23 t24 t26'],
    ['a.b.b', 't3 t5 t6 t7 t11 t12 t14 t18 t21 t22 t23 t24 t26'],
    ['', 't5 t6 t17 t24'],
    ['b.c.c', 't5 t6 t18 t21 t22 t23 t24 t26'],
    ['a.a.a.a.a', 't5 t6 t11 t12 t21 t22 t23 t24'],
    ['vodka.gin', 't5 t6 t8 t21 t22 t23 t24'],
    ['vodka.martini', 't5 t6 t8 t19 t21 t22 t23 t24'],
    ['b.b.c', 't5 t6 t10 t13 t18 t21 t22 t23 t24 t26'],
    ['nothing.here.at.all', 't5 t6 t21 t22 t23 t24'],
    ['oneword', 't5 t6 t21 t22 t23 t24 t25'],
    ['args-test', 't5 t6 t21 t22 t23 t24 t25 t27'],
  ])('%j reaches %s', (key, expected) => {
    const got = matchTopic(trie, key).map((i) => names[i]);
    expect(got.sort()).toEqual(expected.split(' ').sort());
  });
});

describe('matchTopic: empty keys and empty words (as observed on RabbitMQ 3.10.8)', () => {
  const patterns = ['', '*', '#', '#.#', '*.#', '#.*', '.', '*.', '.*', 'a..b', 'a.*.b', 'a.#.b', '*.*', 'a.#.#.b', '#.a.#'];
  it.each([
    ['', ['', '#', '#.#']],
    ['.', ['#', '#.#', '*.#', '#.*', '.', '*.', '.*', '*.*']],
    ['a', ['*', '#', '#.#', '*.#', '#.*', '#.a.#']],
    ['a.', ['#', '#.#', '*.#', '#.*', '*.', '*.*', '#.a.#']],
    ['.a', ['#', '#.#', '*.#', '#.*', '.*', '*.*', '#.a.#']],
    ['a..b', ['#', '#.#', '*.#', '#.*', 'a..b', 'a.*.b', 'a.#.b', 'a.#.#.b', '#.a.#']],
    ['a.b', ['#', '#.#', '*.#', '#.*', 'a.#.b', '*.*', 'a.#.#.b', '#.a.#']],
    ['a.x.b', ['#', '#.#', '*.#', '#.*', 'a.*.b', 'a.#.b', 'a.#.#.b', '#.a.#']],
  ])('%j reaches %j', (key, expected) => {
    expect(matching(patterns, key).sort()).toEqual([...expected].sort());
  });
});

describe('matchTopic: wildcards', () => {
  it.each([
    ['*', 'a', true],
    ['*', 'a.b', false],
    ['*.#.*', 'a', false],
    ['*.#.*', 'a.b', true],
    ['*.#.*', 'a.b.c.d', true],
    ['a.#.#.b', 'a.b', true],
    ['a.#.#.b', 'a.x.y.z.b', true],
    ['a.#.#.b', 'a.x.y.z.c', false],
    ['#.#', '', true],
    ['#.a', 'a', true],
    ['#.a', 'b.a.c', false],
    ['a.#', 'a', true],
    ['a.*', 'a', false],
    ['a', 'A', false],
    // A `*` or `#` in a routing key is an ordinary word there.
    ['a.*', 'a.*', true],
    ['a.b', 'a.*', false],
    ['a.#', 'a.#.b', true],
    ['a', '#', false],
  ])('pattern %j, key %j: %s', (pattern, key, matches) => {
    expect(matching([pattern], key)).toEqual(matches ? [pattern] : []);
  });

  it('returns each pattern once, in pattern order, however many ways it matches', () => {
    const patterns = ['#.#.#', 'a.*', '#', '*.#', 'a.*'];
    expect(matchTopic(buildTopicTrie(patterns), 'a.b')).toEqual([0, 1, 2, 3, 4]);
  });

  it('stays tractable for patterns full of # against long keys', () => {
    // Without memoising (node, position) the ways to split 60 words among 20 `#` are astronomically many.
    const pattern = [...Array(20).fill('#'), 'z'].join('.');
    const key = Array(60).fill('a').join('.');
    expect(matching([pattern], key)).toEqual([]);
    expect(matching([pattern], `${key}.z`)).toEqual([pattern]);
  });
});
