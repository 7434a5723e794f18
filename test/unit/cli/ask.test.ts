import { describe, expect, it } from 'vitest';
import { isYes } from '../../../src/cli/ask.js';

describe('isYes', () => {
  it.each(['y', 'yes', 'Y', 'YES', ' yes ', 'Yes\r'])('takes %j as yes', (answer) => {
    expect(isYes(answer)).toBe(true);
  });

  it.each(['', 'n', 'no', 'yes please', 'yy', 'ye', 'sure'])('takes %j as no', (answer) => {
    expect(isYes(answer)).toBe(false);
  });
});
