/**
 * The text, or its first `max` characters (code points, so no emoji is cut in half) followed
 * by `...`: how messages quote a name that may be very long.
 */
export function shorten(text: string, max = 40): string {
  if (text.length <= max) return text;
  let end = 0;
  for (let count = 0; count < max && end < text.length; count++) end += (text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
  return end >= text.length ? text : `${text.slice(0, end)}...`;
}
