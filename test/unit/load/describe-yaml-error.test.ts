import { describe, expect, it } from 'vitest';
import { describeYamlErrors } from '../../../src/load/describe-yaml-error.js';
import { lines, validateYaml } from './spec-helpers.js';

describe('a mis-indented spec', () => {
  it('is one error, at the line that is wrong, not several at column 1', () => {
    const text = 'version: 1\nvhosts:\n  shop:\n    queues:\n      billing: {}\n     audit: {}\n      orders: {}\n     stock: {}\n';
    expect(lines(validateYaml(text))).toEqual([
      'spec.yaml:6:6: "audit" is indented 5 spaces, between "billing" (line 5, 6 spaces) and "queues" (line 4, 4 spaces): the entries of a mapping must start at the same column; line it up with the one it belongs with',
    ]);
  });

  it('names the items of a list when a list item is out of line', () => {
    const text = 'vhosts:\n  /:\n    bindings:\n      - { source: a, destination: b }\n        - { source: c, destination: d }\n     - { source: e, destination: f }\n';
    const [line] = lines(validateYaml(text));
    expect(line).toMatch(/^spec\.yaml:\d+:\d+: /);
    expect(line).not.toMatch(/:\d+:1: /);
  });

  it('keeps the first error of a document, by position', () => {
    const described = describeYamlErrors('a: 1\nb: 2\n', [
      { code: 'OTHER', pos: [5, 6], message: 'second at line 2, column 1' },
      { code: 'OTHER', pos: [0, 1], message: 'first at line 1, column 1:\n\na: 1\n^' },
    ]);
    expect(described).toEqual({ offset: 0, message: 'first' });
    expect(describeYamlErrors('', [])).toBeUndefined();
  });
});
