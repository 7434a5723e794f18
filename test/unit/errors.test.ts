import { describe, expect, it } from 'vitest';
import { fileErrorReason } from '../../src/errors.js';

const errno = (code: string | undefined, message = 'boom') => Object.assign(new Error(message), code ? { code } : {});

describe('fileErrorReason', () => {
  it.each([
    ['ENOENT', 'no such file or directory'],
    ['EACCES', 'permission denied'],
    ['EISDIR', 'is a directory'],
    ['ENOTDIR', 'not a directory'],
    ['EMFILE', 'EMFILE'],
    [undefined, 'boom'],
  ])('%s', (code, reason) => {
    expect(fileErrorReason(errno(code))).toBe(reason);
  });
});
