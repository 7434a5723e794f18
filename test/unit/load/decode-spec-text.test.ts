import { describe, expect, it } from 'vitest';
import { decodeSpecText, firstInvalidUtf8 } from '../../../src/load/decode-spec-text.js';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));

function utf16be(text: string): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
  return new Uint8Array(le);
}

describe('decodeSpecText', () => {
  const text = 'vhosts:\n  über-😀: {}\n';

  it('reads UTF-8, with or without a byte order mark', () => {
    expect(decodeSpecText(utf8(text))).toEqual({ text });
    expect(decodeSpecText(bytes([0xef, 0xbb, 0xbf], text))).toEqual({ text });
  });

  it('reads UTF-16 in either byte order, recognized by its byte order mark', () => {
    expect(decodeSpecText(new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf16le')))).toEqual({ text });
    expect(decodeSpecText(utf16be(`\uFEFF${text}`))).toEqual({ text });
  });

  it('refuses bytes that are not UTF-8 at the first of them', () => {
    expect(decodeSpecText(bytes('a: 1\r\nb: "x', [0xff], '"\n'))).toEqual({
      problem: 'not valid UTF-8 (byte 0xFF): save the file as UTF-8',
      line: 2,
      col: 6,
    });
    // Latin-1 "é" after a multi-byte character: columns count characters, not bytes.
    expect(decodeSpecText(bytes('ü', [0xe9], '\n'))).toMatchObject({ line: 1, col: 2 });
  });

  it('refuses UTF-32 and broken UTF-16 as whole-file problems', () => {
    expect(decodeSpecText(new Uint8Array([0xff, 0xfe, 0x00, 0x00, 0x61, 0, 0, 0]))).toEqual({
      problem: 'is UTF-32: save it as UTF-8',
      line: 0,
      col: 0,
    });
    expect(decodeSpecText(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x00]))).toMatchObject({ line: 0, col: 0 });
    expect(decodeSpecText(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x61, 0x00]))).toMatchObject({ line: 0, col: 0 });
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    ['ASCII and every sequence length', bytes('a', 'é', '€', '😀'), 10],
    ['a stray continuation byte', bytes('ab', [0x80]), 2],
    ['an overlong form', bytes('a', [0xc0, 0xaf]), 1],
    ['an overlong three-byte form', bytes([0xe0, 0x80, 0xaf]), 0],
    ['a surrogate', bytes('a', [0xed, 0xa0, 0x80]), 1],
    ['above U+10FFFF', bytes([0xf4, 0x90, 0x80, 0x80]), 0],
    ['a sequence cut short', bytes('a', [0xe2, 0x82], 'b'), 1],
    ['a sequence cut by the end', bytes('a', [0xf0, 0x9f, 0x98]), 1],
  ])('%s', (_name, input, offset) => {
    expect(firstInvalidUtf8(input)).toBe(offset);
  });
});
