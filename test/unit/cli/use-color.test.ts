import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { useColor } from '../../../src/cli/use-color.js';

const io = (isTTY: boolean, env: NodeJS.ProcessEnv = {}) => ({ ...bufferIO(env), isTTY });

describe('useColor', () => {
  it.each([
    ['a terminal', io(true), undefined, true],
    ['a pipe', io(false), undefined, false],
    ['--no-color on a terminal', io(true), false, false],
    ['NO_COLOR on a terminal', io(true, { NO_COLOR: '1' }), undefined, false],
    ['an empty NO_COLOR', io(true, { NO_COLOR: '' }), undefined, true],
  ])('%s', (_label, given, color, expected) => {
    expect(useColor(color, given)).toBe(expected);
  });
});
