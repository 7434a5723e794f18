import { countOf } from '../text/count-of.js';

/** A YAML error of the yaml package, as the loader reports it: where, and in plain words. */
export interface DescribedYamlError {
  /** Offset in the text of the character the message is about. */
  offset: number;
  message: string;
}

/** What the yaml package says about one error: its code and where it noticed it. */
export interface YamlErrorLike {
  code: string;
  pos: [number, number];
  message: string;
}

interface Line {
  number: number;
  start: number;
  indent: number;
  /** The line without its indentation. */
  content: string;
}

/**
 * The one error to report of a document's YAML errors: the first by position, the others being
 * most often its consequences. Indentation errors are moved to the line that is wrong and said
 * plainly, naming the line it does not line up with: the yaml package reports a mis-indented
 * mapping entry at column 1, and an over-indented one as a multi-line key on the line above.
 * Undefined when there is none. Pure.
 */
export function describeYamlErrors(text: string, errors: readonly YamlErrorLike[]): DescribedYamlError | undefined {
  const first = [...errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (!first) return undefined;
  const fallback = { offset: first.pos[0], message: yamlMessage(first.message) };
  switch (first.code) {
    case 'BAD_INDENT':
      return misalignedEntry(text, first.pos[0], /sequence/i.test(first.message)) ?? fallback;
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY': {
      // Noticed at the end of the line whose entry already has its value.
      const lines = contentLines(text);
      const owner = lines.find((l) => l.start <= first.pos[0] && first.pos[0] <= l.start + l.indent + l.content.length + 1);
      return (owner && overIndentedEntry(lines, owner)) ?? fallback;
    }
    case 'TAB_AS_INDENT':
      return { offset: first.pos[0], message: 'tabs are not allowed as indentation in YAML: indent with spaces' };
    default:
      return fallback;
  }
}

/** The yaml package's message without the position it sometimes appends. */
export function yamlMessage(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * An entry that starts at a column no open level above it starts at: said with the two levels
 * it falls between (`"audit" is indented 5 spaces, between "billing" (line 7, 6 spaces) and
 * "queues" (line 6, 4 spaces)`), or, deeper than all, as an entry under one that has its value.
 */
function misalignedEntry(text: string, offset: number, sequence: boolean): DescribedYamlError | undefined {
  const lines = contentLines(text);
  const at = lines.findIndex((l) => l.start <= offset && offset <= l.start + l.indent + l.content.length);
  const line = lines[at];
  if (!line || at === 0) return undefined;
  // The levels still open at this line: each earlier line less indented than all after it.
  const levels: Line[] = [];
  for (let i = at - 1; i >= 0; i--) {
    const previous = lines[i] as Line;
    if (levels.length === 0 || previous.indent < (levels.at(-1) as Line).indent) levels.push(previous);
  }
  const deeper = levels.filter((l) => l.indent > line.indent).at(-1);
  const shallower = levels.find((l) => l.indent < line.indent);
  if (!deeper) return levels[0] && overIndentedEntry(lines, levels[0]);
  const what = sequence ? 'the items of a list' : 'the entries of a mapping';
  const level = (l: Line) => `${quoteEntry(l)} (line ${l.number}, ${countOf(l.indent, 'space')})`;
  return {
    offset: line.start + line.indent,
    message:
      `${quoteEntry(line)} is indented ${countOf(line.indent, 'space')}, ${shallower ? `between ${level(deeper)} and ${level(shallower)}` : `less than ${level(deeper)}`}: ` +
      `${what} must start at the same column; line it up with the one it belongs with`,
  };
}

/** An entry indented under `owner`, whose value is already on its own line (`durable: true`). */
function overIndentedEntry(lines: readonly Line[], owner: Line): DescribedYamlError | undefined {
  const line = lines.find((l) => l.number > owner.number && l.indent > owner.indent);
  if (!line) return undefined;
  return {
    offset: line.start + line.indent,
    message:
      `${quoteEntry(line)} is indented more than ${quoteEntry(owner)} on line ${owner.number}, which already has its value: ` +
      `indent it as ${quoteEntry(owner)} (a sibling), or move that value below it`,
  };
}

/** The lines that hold YAML, with their indentation (blank and comment lines left out). */
function contentLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const content = raw.trimStart();
    if (content !== '' && !content.startsWith('#')) lines.push({ number: i + 1, start, indent: raw.length - content.length, content: content.trimEnd() });
    start += raw.length + 1;
  });
  return lines;
}

/** `"audit"` for `audit: {}`, `"- { source: a }"` shortened for an item. */
function quoteEntry(line: Line): string {
  const key = /^(-\s*)?("[^"]*"|'[^']*'|[^:#{[]+?)\s*:(\s|$)/.exec(line.content);
  if (key) return JSON.stringify(`${key[1] ? '- ' : ''}${key[2]!.replace(/^["']|["']$/g, '')}`);
  return JSON.stringify(line.content.length > 30 ? `${line.content.slice(0, 27)}...` : line.content);
}

