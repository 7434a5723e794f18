import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { reportError } from '../../../src/cli/main.js';
import { ExitCode, TopoError } from '../../../src/errors.js';
import { leakedForms } from '../../support/password-forms.js';

const URL_WITH_PASSWORD = 'http://bob:pa#Secr3t@host:15672';

describe('reportError', () => {
  it.each([
    ['a TopoError', new TopoError('usage', `bad "${URL_WITH_PASSWORD}"`), 'topo: bad "http://bob:***@host:15672"\n'],
    [
      'an unexpected error',
      new Error(`boom at ${URL_WITH_PASSWORD}`),
      'topo: unexpected error: boom at http://bob:***@host:15672 (run with --debug for details)\n',
    ],
  ])('prints %s in one line, without user information', (_label, error, line) => {
    const io = bufferIO();
    expect(reportError(error, io, false)).toBe(ExitCode.error);
    expect(io.stderr).toBe(line);
  });

  it.each([
    ['a TopoError', new TopoError('usage', `bad "${URL_WITH_PASSWORD}"`)],
    ['an unexpected error', new Error(`boom at ${URL_WITH_PASSWORD}`)],
  ])('prints the stack of %s under --debug, without user information', (_label, error) => {
    const io = bufferIO();
    reportError(error, io, true);
    expect(io.stderr).toContain('http://bob:***@host:15672');
    expect(io.stderr).toMatch(/\n {4}at /);
    expect(leakedForms(io.stderr, 'bob', 'pa#Secr3t')).toEqual([]);
  });
});
