import { TopoError } from '../errors.js';
import { schemaErrorLine, type SchemaError } from '../text/schema-error-line.js';
import type { Definitions } from './definitions.js';
import generatedValidator from './generated/definitions-schema-validator.js';

/** The precompiled check of schemas/broker-definitions.schema.json (generated from `Definitions`). */
const validateDefinitions = generatedValidator as unknown as { (data: unknown): boolean; errors?: SchemaError[] | null };

/**
 * What is wrong with `value` as the definitions topo reads (the `Definitions` type: the
 * fields topo uses, with their JSON types; other fields are allowed), in one line, or
 * undefined when it fits. Checked where the JSON enters: the broker's answers and
 * definitions files, so that the stages after never meet a value their types deny. Pure.
 */
export function definitionsShapeProblem(value: unknown): string | undefined {
  return validateDefinitions(value) ? undefined : schemaErrorLine(validateDefinitions.errors);
}

/**
 * The broker's answer as Definitions, or a one-line `TopoError('broker-response')` naming the
 * call (`where`) and what does not fit.
 */
export function brokerDefinitions(value: unknown, where: string): Definitions {
  const problem = definitionsShapeProblem(value);
  if (problem) throw new TopoError('broker-response', `the broker's answer to ${where} is not what topo expects (${problem})`);
  return value as Definitions;
}
