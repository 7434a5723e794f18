import { describe, expect, it } from 'vitest';
import { printableLine } from '../../../src/text/printable-line.js';
import { itReturns } from '../support/it-returns.js';

describe('printableLine', () => {
  itReturns(printableLine, 'escapes what would break or reorder a line: %j', [
    ['a\nb', 'a\\nb'],
    ['a\r\nb', 'a\\r\\nb'],
    ['nul\u0000', 'nul\\u0000'],
    ['bell\u0007 esc\u001b[31m', 'bell\\u0007 esc\\u001b[31m'],
    ['del\u007f c1\u0085', 'del\\u007f c1\\u0085'],
    ['sep\u2028par\u2029', 'sep\\u2028par\\u2029'],
    ['rlo\u202eevil\u2066', 'rlo\\u202eevil\\u2066'],
    ['lone \ud800 and \udfff', 'lone \\ud800 and \\udfff'],
  ]);

  it('leaves tabs, backslashes and other characters as they are', () => {
    expect(printableLine('a\tb \\n über 😀 日本')).toBe('a\tb \\n über 😀 日本');
    expect(printableLine('\ud83d\ude00')).toBe('😀');
  });
});
