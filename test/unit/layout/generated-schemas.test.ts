import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without type declarations
import { compileValidatorSource, TYPE_SCHEMAS, typeSchemaText } from '../../../schemas/compile-validator.mjs';

interface TypeSchema {
  type: string;
  schemaFile: string;
  validatorFile: string;
}

describe.each(TYPE_SCHEMAS as TypeSchema[])('the schema of $type (run `npm run schema` after changing the type)', (entry) => {
  const text = typeSchemaText(entry) as string;

  it('is the one generated from the type as it is now', () => {
    expect(readFileSync(entry.schemaFile, 'utf8') === text).toBe(true);
  });

  it('is what its precompiled validator was made from', () => {
    const from = entry.schemaFile.slice(entry.schemaFile.indexOf('schemas/'));
    expect(readFileSync(entry.validatorFile, 'utf8') === (compileValidatorSource(JSON.parse(text), from) as string)).toBe(true);
  });
});
