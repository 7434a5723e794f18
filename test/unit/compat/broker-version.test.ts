import { describe, expect, it } from 'vitest';
import { isAtLeast, parseBrokerVersion } from '../../../src/compat/broker-version.js';

describe('parseBrokerVersion', () => {
  it.each([
    ['3.10.8', { major: 3, minor: 10, patch: 8, text: '3.10.8' }],
    ['4.3', { major: 4, minor: 3, text: '4.3' }],
    ['4.1.0-beta.2', { major: 4, minor: 1, patch: 0, text: '4.1.0-beta.2' }],
    ['3.13.7+1.g4e7d6c2', { major: 3, minor: 13, patch: 7, text: '3.13.7+1.g4e7d6c2' }],
  ])('reads %s', (text, version) => {
    expect(parseBrokerVersion(text)).toEqual(version);
  });

  it.each(['4', 'four', '4.x', '', 'v4.3', '4.3.6.1'])('refuses %j', (text) => {
    expect(parseBrokerVersion(text)).toBeUndefined();
  });
});

describe('isAtLeast', () => {
  const v = (text: string) => parseBrokerVersion(text)!;
  it.each([
    ['4.3.6', '4.3.5'],
    ['4.3', '4.3.5'],
    ['3.11.0', '3.11'],
    ['4.0.1', '3.12'],
    ['10.0.0', '4.0'],
  ])('%s is at least %s', (version, minimum) => {
    expect(isAtLeast(v(version), minimum)).toBe(true);
  });

  it.each([
    ['4.3.4', '4.3.5'],
    ['4.2', '4.3'],
    ['3.10.8', '3.11'],
  ])('%s is below %s', (version, minimum) => {
    expect(isAtLeast(v(version), minimum)).toBe(false);
  });
});
