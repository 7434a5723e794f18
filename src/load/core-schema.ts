import { FAILSAFE_SCHEMA, Type, type Schema } from 'js-yaml';

// The plain-scalar tests of the yaml package's YAML 1.2 core schema (its default), in its
// order: the first that matches decides. Neither js-yaml schema reads plain scalars the same
// way: its CORE_SCHEMA makes numbers of 0b101, +0x1F and -0x10 (strings here), and its
// DEFAULT_SCHEMA also makes a Date of 2001-12-14. So topo reads specs with this one instead.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

// Every non-string value starts with one of these (or is empty): other scalars skip the tests.
const MAY_BE_TYPED = /^(?:$|[-+.~0-9nNtTfF])/;

/**
 * The value of a plain (unquoted) scalar's text under YAML 1.2 core, as the yaml package
 * resolves it: null, true/false, integers (decimal, 0o octal, 0x hex), floats (with
 * exponent, .inf, .nan); anything else is the text itself.
 */
export function coreScalarValue(text: string): string | number | boolean | null {
  if (!MAY_BE_TYPED.test(text)) return text;
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
  if (INT.test(text)) return parseInt(text, 10);
  if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
  if (FLOAT_NAN.test(text)) {
    if (text.slice(-3).toLowerCase() === 'nan') return NaN;
    return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (FLOAT_EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
  return text;
}

/** The tag js-yaml gives a plain scalar that `CORE_SCHEMA` typed (never written in a spec). */
const CORE_SCALAR_TAG = 'tag:yaml.org,2002:core-scalar';

/**
 * The js-yaml schema that reads plain scalars as `coreScalarValue` does: one implicit type
 * that claims every scalar whose value is not its text. Only plain scalars are resolved;
 * quoted and block scalars stay strings, as in the yaml package.
 */
export const CORE_SCHEMA: Schema = FAILSAFE_SCHEMA.extend({
  implicit: [
    new Type(CORE_SCALAR_TAG, {
      kind: 'scalar',
      resolve: (text: string) => coreScalarValue(text) !== text,
      construct: (text: string) => coreScalarValue(text),
    }),
  ],
});
