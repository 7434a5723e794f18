/** The part of an ajv error this module reads (ajv's `ErrorObject`). */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * The one error of a failed schema check that says most: the deepest one that is not a
 * mismatched constant, since a union (`anyOf`) reports a failure for each alternative and the
 * deepest names the field that is wrong. As one line: `/changes/3/after: must have required property 'name'`.
 */
export function schemaErrorLine(errors: readonly SchemaError[] | null | undefined): string {
  // Union keywords only say that a branch failed; the branch's own errors say why.
  const all = (errors ?? []).filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword));
  // A constant that differs only says "another alternative of the union": the other errors
  // name what is missing or wrong in the alternative that was meant.
  const named = all.filter((e) => e.keyword !== 'const');
  const candidates = named.length > 0 ? named : all;
  const deepest = [...candidates].sort((a, b) => depth(b) - depth(a))[0] ?? errors?.[0];
  if (!deepest) return 'does not match its schema';
  return `${deepest.instancePath || '/'}: ${describe(deepest)}`;
}

function describe(e: SchemaError): string {
  if (e.keyword === 'enum' && Array.isArray(e.params?.allowedValues)) {
    return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  const extra = e.keyword === 'additionalProperties' ? ` "${String(e.params?.additionalProperty)}"` : '';
  return `${e.message ?? e.keyword}${extra}`;
}

const depth = (e: SchemaError): number => e.instancePath.split('/').length;
