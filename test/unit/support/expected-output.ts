import { readFileSync } from 'node:fs';

/**
 * A renderer's whole expected output, kept as the file `name` in the expected/ folder beside
 * `module` (the caller's import.meta.url): the text the user sees, as they see it.
 */
export function readExpectedOutput(module: string, name: string): string {
  return readFileSync(new URL(`./expected/${name}`, module), 'utf8');
}
