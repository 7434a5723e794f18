import { describePath, fieldName } from './describe-path.js';
import type { DiagnosticList } from './diagnostic.js';
import { isSecretPath } from '../model/secret-ref.js';
import { didYouMeanHint } from '../text/did-you-mean.js';
import validateGenerated from './generated/topology-schema-validator.js';
import { PathSet } from './path-set.js';
import { locate, type Path, type SpecDocument } from './parsed-document.js';

/** An error of the precompiled ajv validator (draft-07, allErrors, verbose). */
interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  schema?: unknown;
  parentSchema?: SchemaNode;
  data?: unknown;
}

/** The parts of a JSON Schema node that messages are made of. */
interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, unknown>;
  enum?: unknown[];
  anyOf?: SchemaNode[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  examples?: unknown[];
  description?: string;
}

type Validator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

// Precompiled from schemas/topology.schema.json by schemas/compile-validator.mjs: loading
// ajv and compiling the schema at run time would cost more than validating a large spec.
const validateTopologySchema = validateGenerated as unknown as Validator;

/**
 * Checks one document against schemas/topology.schema.json and reports each error as one
 * located line. Returns the paths that have an error at or below them, so later stages skip
 * the invalid objects but still know their names.
 */
export function checkSchema(document: SpecDocument, diagnostics: DiagnosticList): PathSet {
  const invalid = new PathSet();
  // An empty document is an empty spec.
  if (document.value === null || validateTopologySchema(document.value)) return invalid;
  for (const error of relevantErrors(validateTopologySchema.errors ?? [])) {
    const path = toPath(error.instancePath, document.value);
    invalid.add(path);
    // A value whose reference is missing was reported already; its type follows from that.
    if (document.unresolved.has(path)) continue;
    const { message, at, prefer } = describeError(error, path, document.value);
    diagnostics.error(locate(document, at, prefer), message);
  }
  return invalid;
}

/** Drops the per-branch errors of an `anyOf`: its own error says what was expected. */
function relevantErrors(errors: SchemaError[]): SchemaError[] {
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf');
  if (anyOfs.length === 0) return errors;
  return errors.filter(
    (e) =>
      e.keyword === 'anyOf' ||
      !anyOfs.some((a) => a.instancePath === e.instancePath && e.schemaPath.startsWith(`${a.schemaPath}/`)),
  );
}

/** A JSON Pointer as a path; segments that index a list become numbers. */
function toPath(pointer: string, root: unknown): Path {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let value: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      const index = Number(segment);
      path.push(index);
      value = value[index];
    } else {
      path.push(segment);
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

interface Described {
  message: string;
  at: Path;
  prefer: 'key' | 'value';
}

function describeError(error: SchemaError, path: Path, root: unknown): Described {
  const { subject, rest } = describePath(path, root);
  const field = fieldName(rest);
  const owner = [subject, field].filter(Boolean).join(' ');
  const schema = error.parentSchema ?? {};
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const hint = didYouMeanHint(name, Object.keys(schema.properties ?? {}));
      return { message: prefixed(owner, `unknown property "${name}"${hint}`), at: [...path, name], prefer: 'key' };
    }
    case 'required':
      return {
        message: prefixed(owner, `missing required property "${String(error.params.missingProperty)}"`),
        at: path,
        prefer: 'key',
      };
    default:
      // A secret field's value is never echoed, not even the number someone typed as a password.
      return { message: valueMessage(isSecretPath(path) ? { ...error, data: undefined } : error, schema, subject, field), at: path, prefer: 'value' };
  }
}

function valueMessage(error: SchemaError, schema: SchemaNode, subject: string | undefined, field: string): string {
  // A whole object of the wrong shape (`orders: 5`) is named by its subject alone.
  const named = (text: string) =>
    field ? prefixed(subject, `${field} ${text}`) : subject ? `${subject} ${text}` : `a spec document ${text}`;
  switch (error.keyword) {
    case 'type':
      return named(`must be ${typePhrase(String(error.params.type), schema)}${quoteHint(error)}`);
    case 'enum': {
      const values = (schema.enum ?? []).map(String);
      const hint = typeof error.data === 'string' ? didYouMeanHint(error.data, values) : '';
      return named(`must be one of ${values.join(', ')}${hint}`);
    }
    case 'anyOf': {
      const branches = schema.anyOf ?? [];
      const words = branches.map((b) => (b.enum ? b.enum.map(String).join(', ') : (b.description ?? 'valid')));
      const enums = branches.flatMap((b) => (b.enum ?? []).map(String));
      const hint = typeof error.data === 'string' ? didYouMeanHint(error.data, enums) : '';
      return named(`must be one of ${words.join(', or ')}${hint}`);
    }
    case 'minimum':
    case 'maximum':
      return named(`must be ${integerPhrase(schema)}`);
    case 'pattern': {
      const example = schema.examples?.[0];
      return named(`must match ${String(schema.pattern)}${example === undefined ? '' : `, such as "${String(example)}"`}`);
    }
    case 'minItems':
    case 'minProperties':
      return named('must not be empty');
    case 'not':
      return named(`is ${sentence(schema.description ?? 'not allowed here')}`);
    default:
      return named(error.message ?? 'is invalid');
  }
}

function prefixed(owner: string | undefined, text: string): string {
  return owner ? `${owner}: ${text}` : text;
}

/** The expected type in YAML words; `null` (an empty value) goes unsaid. */
function typePhrase(expected: string, schema: SchemaNode): string {
  const words = expected
    .split(',')
    .filter((t) => t !== 'null')
    .map((t) => {
      switch (t) {
        case 'object':
          return 'a mapping';
        case 'array':
          return 'a list';
        case 'boolean':
          return 'true or false';
        case 'integer':
          return integerPhrase(schema);
        case 'number':
          return 'a number';
        default:
          return `a ${t}`;
      }
    });
  return words.join(' or ');
}

function integerPhrase(schema: SchemaNode): string {
  const { minimum: min, maximum: max } = schema;
  if (min !== undefined && max !== undefined) return `an integer from ${min} to ${max}`;
  if (min !== undefined) return `an integer of ${min} or more`;
  if (max !== undefined) return `an integer of ${max} or less`;
  return 'an integer';
}

/** YAML reads `routingKey: 42` as a number: say how to make it a string. */
function quoteHint(error: SchemaError): string {
  const wantsString = String(error.params.type).split(',').includes('string');
  const { data } = error;
  return wantsString && (typeof data === 'number' || typeof data === 'boolean')
    ? ` (write "${String(data)}" in quotes)`
    : '';
}

/** A schema description as the end of a message: lower-case start, no final period, no backticks. */
function sentence(description: string): string {
  const text = description.replace(/`([^`]*)`/g, '"$1"').replace(/\.$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}
