/** Checks command lines written for people (help examples, CI pipelines) against topo's real commands and flags. */
import type { Command } from 'commander';
import { bufferIO } from '../../src/cli/io.js';
import { buildProgram } from '../../src/cli/main.js';

/** The words of a `topo ...` command line, up to a redirection or a pipe; quotes kept. */
export function commandWords(line: string): string[] {
  const words: string[] = [];
  for (const word of line.matchAll(/"[^"]*"|'[^']*'|[^\s"']+/g)) {
    if (/^(>|\||\|\||&&|;)$/.test(word[0])) break;
    words.push(word[0]);
  }
  return words;
}

/** Flags of `words` (a command and its arguments) that the topo command they name does not have, or the unknown command. */
export function unknownFlags(words: readonly string[]): string[] {
  const program = buildProgram(bufferIO(), () => undefined);
  const command = program.commands.find((c: Command) => c.name() === words[0]);
  if (!command) return [`command ${words[0]}`];
  const known = new Set(command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => f !== undefined)));
  return words.filter((w) => w.startsWith('-')).map((w) => w.split('=')[0]!).filter((flag) => !known.has(flag));
}
