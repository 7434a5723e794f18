/** Building blocks of the Markdown views: code spans and blocks, escaping, folding. Pure. */

/** A fenced block whose fence is longer than any backtick run inside (names may hold them). */
export function fenced(lang: string, lines: readonly string[]): string {
  const longest = lines.reduce((n, line) => Math.max(n, longestBacktickRun(line)), 0);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${lang}`, ...lines, fence].join('\n');
}

/** An inline code span that survives backticks in the text. */
export function code(text: string): string {
  const longest = longestBacktickRun(text);
  const ticks = '`'.repeat(longest + 1);
  return longest > 0 ? `${ticks} ${text} ${ticks}` : `${ticks}${text}${ticks}`;
}

function longestBacktickRun(text: string): number {
  return (text.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length), 0);
}

/** Plain text in Markdown: characters that would format are escaped. */
export function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~]/g, (ch) => `\\${ch}`);
}

/**
 * `body` folded under a `<details>` summary, closed by default. The blank lines around the
 * body let GitHub and GitLab render the Markdown inside (code blocks, lists).
 */
export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
