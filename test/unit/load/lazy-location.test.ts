import { describe, expect, it } from 'vitest';
import { lazyLocation } from '../../../src/load/lazy-location.js';

describe('lazyLocation', () => {
  it('finds its line and column when first read, once', () => {
    let finds = 0;
    const loc = lazyLocation('f.yaml', () => {
      finds++;
      return { line: 3, col: 7 };
    });
    expect(loc.file).toBe('f.yaml');
    expect(finds).toBe(0);
    expect([loc.line, loc.col, loc.line]).toEqual([3, 7, 3]);
    expect(finds).toBe(1);
  });

  it('compares, spreads and serializes as a plain location', () => {
    const loc = lazyLocation('f.yaml', () => ({ line: 3, col: 7 }));
    expect(loc).toEqual({ file: 'f.yaml', line: 3, col: 7 });
    expect({ ...loc }).toEqual({ file: 'f.yaml', line: 3, col: 7 });
    expect(JSON.parse(JSON.stringify(loc))).toEqual({ file: 'f.yaml', line: 3, col: 7 });
  });
});
