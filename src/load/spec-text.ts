// A byte order mark at the start, and every line break that is not a lone LF.
const BOM = /^\uFEFF/;
const CARRIAGE_RETURN = /\r\n?/g;

/**
 * A spec file's text as both YAML readers read it: without a leading byte order mark, and
 * with every line break a `\n`. YAML 1.2 counts CRLF and a lone CR as line breaks too, but
 * the yaml package reads a lone CR as an ordinary character (and counts lines by LF only),
 * so a file saved with old Mac line endings would read as one line. Replacing breaks keeps
 * every line's columns, so positions in this text are positions in the file as an editor
 * shows it.
 */
export function specText(text: string): string {
  const unmarked = text.replace(BOM, '');
  return unmarked.includes('\r') ? unmarked.replace(CARRIAGE_RETURN, '\n') : unmarked;
}
