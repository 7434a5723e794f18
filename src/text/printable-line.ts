// Characters that would end, hide or reorder a line of output: C0 controls except tab, DEL,
// C1 controls, the Unicode line and paragraph separators, the bidirectional overrides and
// isolates ("Trojan Source"), and lone surrogates (printed as U+FFFD, hiding what they were).
// Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const LINE_BREAKING = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };

/**
 * The text on one line, as a terminal shows it: each character that would break or reorder
 * the line, or could not be printed, is written as an escape (`\n`, `\r`, `\u0000`, `\ud800`). A name may hold any of them
 * (`"a\nb"` in YAML), and messages quote names. Everything else, backslashes included, is
 * left as it is.
 */
export function printableLine(text: string): string {
  return text.replace(LINE_BREAKING, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
