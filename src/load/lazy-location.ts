import type { SourceLocation } from '../model/topology.js';

/**
 * A location whose line and column are found when first read, by `find`. Every object of a
 * spec carries its location, but only a diagnostic or a failed routing test reads one, and
 * finding lines and columns may mean reading the file again (see ./parsed-document.ts).
 * `line` and `col` are own enumerable getters, so the object still prints, compares and
 * serializes as a plain `{ file, line, col }`.
 */
export function lazyLocation(file: string, find: () => { line: number; col: number }): SourceLocation {
  let found: { line: number; col: number } | undefined;
  const position = () => (found ??= find());
  return {
    file,
    get line() {
      return position().line;
    },
    get col() {
      return position().col;
    },
  };
}
