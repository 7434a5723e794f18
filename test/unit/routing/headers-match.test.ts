import { describe, expect, it } from 'vitest';
import { headersMatch, xMatchOf } from '../../../src/routing/headers-match.js';
import type { Arguments } from '../../../src/model/topology.js';

describe('headersMatch', () => {
  const cases: [string, Arguments, Arguments, boolean][] = [
    // all
    ['all: every condition holds', { 'x-match': 'all', a: 1, b: 'x' }, { a: 1, b: 'x', c: 3 }, true],
    ['all: one condition fails', { 'x-match': 'all', a: 1, b: 'x' }, { a: 1, b: 'y' }, false],
    ['all: one header missing', { 'x-match': 'all', a: 1, b: 'x' }, { a: 1 }, false],
    ['all: no condition matches everything', { 'x-match': 'all' }, {}, true],
    ['no x-match means all', { a: 1, b: 2 }, { a: 1 }, false],
    ['no x-match means all (holds)', { a: 1, b: 2 }, { a: 1, b: 2 }, true],
    ['an unrecognised x-match means all', { 'x-match': 'some', a: 1, b: 2 }, { a: 1 }, false],
    ['no arguments at all match every message', {}, { anything: 1 }, true],
    // any
    ['any: one condition holds', { 'x-match': 'any', a: 1, b: 'x' }, { b: 'x' }, true],
    ['any: none holds', { 'x-match': 'any', a: 1, b: 'x' }, { a: 2, c: 'x' }, false],
    ['any: no condition matches nothing', { 'x-match': 'any' }, { a: 1 }, false],
    // typed values
    ['5 is not "5"', { a: 5 }, { a: '5' }, false],
    ['"5" is not 5', { a: '5' }, { a: 5 }, false],
    ['5 is 5.0', { a: 5 }, { a: 5.0 }, true],
    ['1.5 is 1.5', { a: 1.5 }, { a: 1.5 }, true],
    ['true is not 1', { a: true }, { a: 1 }, false],
    ['true is not "true"', { a: true }, { a: 'true' }, false],
    ['false is false', { a: false }, { a: false }, true],
    ['strings are case-sensitive', { a: 'pdf' }, { a: 'PDF' }, false],
    ['arrays compare element by element', { a: [1, 'x'] }, { a: [1, 'x'] }, true],
    ['arrays keep their order', { a: [1, 'x'] }, { a: ['x', 1] }, false],
    // void (null) arguments: presence
    ['null asks for presence (any value)', { a: null }, { a: 'whatever' }, true],
    ['null asks for presence (null value)', { a: null }, { a: null }, true],
    ['null header is not the value 5', { a: 5 }, { a: null }, false],
    ['null with any: presence is enough', { 'x-match': 'any', a: null, b: 1 }, { a: 0 }, true],
    ['null: absent header fails', { a: null }, { b: 1 }, false],
    // x- arguments
    ['all ignores other x- arguments', { 'x-match': 'all', 'x-k': 1, a: 1 }, { a: 1 }, true],
    ['all with only x- arguments matches everything', { 'x-match': 'all', 'x-k': 1 }, {}, true],
    ['any ignores x- arguments', { 'x-match': 'any', 'x-k': 1 }, { 'x-k': 1 }, false],
    ['all-with-x requires x- arguments too', { 'x-match': 'all-with-x', 'x-k': 1, a: 1 }, { a: 1 }, false],
    ['all-with-x holds', { 'x-match': 'all-with-x', 'x-k': 1, a: 1 }, { a: 1, 'x-k': 1 }, true],
    ['all-with-x never requires x-match itself', { 'x-match': 'all-with-x' }, {}, true],
    ['any-with-x matches an x- header', { 'x-match': 'any-with-x', 'x-k': 1, b: 2 }, { 'x-k': 1 }, true],
    ['any-with-x: x-match itself is no condition', { 'x-match': 'any-with-x' }, { 'x-match': 'any-with-x' }, false],
    ['an x-match header in the message satisfies nothing', { 'x-match': 'any', a: 1 }, { 'x-match': 'any' }, false],
    // keys
    ['a header named like an Object member is not present by accident', { constructor: null }, {}, false],
  ];
  it.each(cases)('%s', (_name, args, headers, expected) => {
    expect(headersMatch(args, headers)).toBe(expected);
  });
});

describe('xMatchOf', () => {
  it.each([
    [{}, 'all'],
    [{ 'x-match': 'any' }, 'any'],
    [{ 'x-match': 'all-with-x' }, 'all-with-x'],
    [{ 'x-match': 'any-with-x' }, 'any-with-x'],
    [{ 'x-match': 'ANY' }, 'all'],
    [{ 'x-match': 1 }, 'all'],
  ] as [Arguments, string][])('%j is %s', (args, mode) => {
    expect(xMatchOf(args)).toBe(mode);
  });
});
