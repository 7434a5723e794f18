import { expect, it } from 'vitest';

/**
 * A table-driven test of a function of one argument: one test per [input, output] case,
 * named by `title` (vitest's it.each placeholders: %s, %j, … take the input, then the output),
 * that proves `fn(input)` is `output` (`toBe`: the same primitive, or the same object).
 */
export function itReturns<I, O>(fn: (input: I) => O, title: string, cases: readonly (readonly [I, O])[]): void {
  it.each(cases as [I, O][])(title, (input, output) => {
    expect(fn(input)).toBe(output);
  });
}
