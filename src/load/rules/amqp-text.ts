/** AMQP 0-9-1 short strings (vhost, exchange and queue names, routing keys) hold at most 255 bytes. */
const MAX_SHORT_STRING_BYTES = 255;

// Half of a surrogate pair with no other half: only `\ud800`-style escapes in YAML make one.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why a text cannot be sent as an AMQP short string, or undefined: more than 255 bytes once
 * encoded as UTF-8 (bytes, not characters: 100 three-byte characters are 300 bytes).
 */
export function shortStringProblem(text: string): string | undefined {
  // Only a text of more than 85 characters can exceed 255 bytes: most skip the count.
  if (text.length <= MAX_SHORT_STRING_BYTES / 3) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > MAX_SHORT_STRING_BYTES ? `is ${bytes} bytes of UTF-8, more than the ${MAX_SHORT_STRING_BYTES} AMQP allows` : undefined;
}

/**
 * Why a text cannot be the name of a vhost, exchange or queue, or undefined: too long for a
 * short string, a NUL character (AMQP clients written in C end the name there), or text that
 * is not valid Unicode and so has no UTF-8 form.
 */
export function nameProblem(name: string): string | undefined {
  if (name.includes('\u0000')) return 'contains a NUL character, which AMQP clients cannot handle';
  if (LONE_SURROGATE.test(name)) return 'is not valid Unicode (half of a surrogate pair, as written with \\ud800), so it has no UTF-8 form';
  return shortStringProblem(name);
}
