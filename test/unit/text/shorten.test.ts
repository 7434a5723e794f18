import { describe, expect, it } from 'vitest';
import { shorten } from '../../../src/text/shorten.js';

describe('shorten', () => {
  it('keeps a short text, and cuts a long one after `max` characters', () => {
    expect(shorten('orders', 6)).toBe('orders');
    expect(shorten('orders.eu', 6)).toBe('orders...');
  });

  it('never cuts a character made of two UTF-16 code units in half', () => {
    expect(shorten('😀😀😀', 2)).toBe('😀😀...');
    expect(shorten('😀😀', 2)).toBe('😀😀');
  });
});
