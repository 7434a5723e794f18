import { specText } from './spec-text.js';

/** A spec file's bytes as text, or why they are not text, located when possible. */
export type DecodedSpec = { text: string } | { problem: string; line: number; col: number };

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF16LE = new TextDecoder('utf-16le', { fatal: true });
const UTF16BE = new TextDecoder('utf-16be', { fatal: true });

/**
 * The text of a spec file's bytes. YAML 1.2 files are UTF-8 or UTF-16; UTF-16 is recognized
 * by its byte order mark. Bytes that are not valid UTF-8 are an error at the first of them
 * (line and column counted in the text before it), never silently replaced: a name with a
 * replacement character would be created on the broker as written. Pure.
 */
export function decodeSpecText(bytes: Uint8Array): DecodedSpec {
  const [b0, b1, b2, b3] = bytes;
  if ((b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) || (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00)) {
    return wholeFile('is UTF-32: save it as UTF-8');
  }
  if (b0 === 0xff && b1 === 0xfe) return utf16(UTF16LE, bytes);
  if (b0 === 0xfe && b1 === 0xff) return utf16(UTF16BE, bytes);
  try {
    // A UTF-8 byte order mark is dropped by the decoder.
    return { text: UTF8.decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const { line, col } = endOf(specText(UTF8.decode(bytes.subarray(0, at))));
    return { problem: `not valid UTF-8 (byte 0x${(bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0')}): save the file as UTF-8`, line, col };
  }
}

function utf16(decoder: TextDecoder, bytes: Uint8Array): DecodedSpec {
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    return wholeFile('is not valid UTF-16 (an odd number of bytes, or half of a surrogate pair): save it as UTF-8');
  }
}

function wholeFile(problem: string): DecodedSpec {
  return { problem, line: 0, col: 0 };
}

/** Line and column just after a text. */
function endOf(text: string): { line: number; col: number } {
  const lastBreak = text.lastIndexOf('\n');
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) line++;
  return { line, col: text.length - lastBreak };
}

/**
 * The offset of the first byte that does not start or continue a well-formed UTF-8 sequence
 * (overlong forms, surrogates and code points above U+10FFFF included), or the length when
 * there is none.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return i;
}

/** The length of the well-formed UTF-8 sequence at `i`, or 0. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i] as number;
  if (b < 0x80) return 1;
  // The allowed range of the second byte, by first byte (Unicode Table 3-7).
  let low = 0x80;
  let high = 0xbf;
  let length: number;
  if (b >= 0xc2 && b <= 0xdf) length = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    length = 3;
    if (b === 0xe0) low = 0xa0;
    if (b === 0xed) high = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    length = 4;
    if (b === 0xf0) low = 0x90;
    if (b === 0xf4) high = 0x8f;
  } else return 0;
  for (let k = 1; k < length; k++) {
    const c = bytes[i + k];
    if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return 0;
  }
  return length;
}
