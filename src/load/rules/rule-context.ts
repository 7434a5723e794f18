import { BUILTIN_EXCHANGES } from '../../model/builtin-exchanges.js';
import type { DiagnosticList } from '../diagnostic.js';
import { locate, type NodeRef } from '../parsed-document.js';
import type { SpecDraft, TestDraft, VhostDraft } from '../spec-draft.js';
import type { BindingSpec } from '../topology-spec.js';
import type { ExchangeType, SourceLocation } from '../../model/topology.js';

/**
 * What a semantic rule sees: the merged drafts, and where to report. Rules read only drafts
 * marked `valid` (the schema already reported the others) and never throw.
 */
export interface RuleContext {
  readonly spec: SpecDraft;
  error(loc: SourceLocation, message: string): void;
  warning(loc: SourceLocation, message: string): void;
  /**
   * Where a field of an object was written (`at(queue, 'arguments', 'x-max-length')`), or the
   * object itself when the field is absent.
   */
  at(object: { ref: NodeRef; loc: SourceLocation }, ...fields: (string | number)[]): SourceLocation;
  /** Like `at`, but a mapping entry is located at its key (`routingKeys:`) rather than its value. */
  atKey(object: { ref: NodeRef; loc: SourceLocation }, ...fields: (string | number)[]): SourceLocation;
}

/** A semantic rule: one concern, reported as located diagnostics. */
export type SemanticRule = (ctx: RuleContext) => void;

export function createRuleContext(spec: SpecDraft, diagnostics: DiagnosticList): RuleContext {
  return {
    spec,
    error: (loc, message) => diagnostics.error(loc, message),
    warning: (loc, message) => diagnostics.warning(loc, message),
    at: (object, ...fields) => fieldLocation(object, fields, 'value'),
    atKey: (object, ...fields) => fieldLocation(object, fields, 'key'),
  };
}

function fieldLocation(
  object: { ref: NodeRef; loc: SourceLocation },
  fields: readonly (string | number)[],
  prefer: 'key' | 'value',
): SourceLocation {
  const { document, path } = object.ref;
  return hasPath(valueAt(document.value, path), fields) ? locate(document, [...path, ...fields], prefer) : object.loc;
}

/** The type of an exchange usable in `vhost`: declared (and valid), or built in. */
export function exchangeTypeOf(vhost: VhostDraft, name: string): ExchangeType | undefined {
  const declared = vhost.exchanges.get(name);
  if (declared) return declared.valid ? declared.spec.type : undefined;
  return BUILTIN_EXCHANGES.get(name);
}

/** An exchange of that name exists in `vhost`: declared (even if invalid) or built in. */
export function hasExchange(vhost: VhostDraft, name: string): boolean {
  return vhost.exchanges.has(name) || BUILTIN_EXCHANGES.has(name);
}

/** Names a did-you-mean may suggest for an exchange. */
export function exchangeNames(vhost: VhostDraft): string[] {
  return [...vhost.exchanges.keys(), ...BUILTIN_EXCHANGES.keys()];
}

/** How messages name a binding: by its source and destination. */
export function bindingLabel(spec: BindingSpec): string {
  return `binding "${spec.source}" -> "${spec.destination}"`;
}

/** How messages name a test: by its name, or its position in its file's list. */
export function testLabel(test: TestDraft): string {
  return test.spec.name !== undefined ? `test "${test.spec.name}"` : `test #${Number(test.ref.path[1]) + 1}`;
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function hasPath(value: unknown, fields: readonly (string | number)[]): boolean {
  let current = value;
  for (const field of fields) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, field)) return false;
    current = (current as Record<string | number, unknown>)[field];
  }
  return true;
}
