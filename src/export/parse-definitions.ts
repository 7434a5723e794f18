import type { Definitions } from '../broker/definitions.js';
import { definitionsShapeProblem } from '../broker/definitions-shape.js';

/** Definitions read from a text, or a one-line error saying why the text is not definitions. */
export type DefinitionsParse = { ok: true; definitions: Definitions } | { ok: false; error: string };

/**
 * RabbitMQ definitions (`GET /api/definitions`, `rabbitmqctl export_definitions`) from the text
 * of `file`: JSON, an object, and every field topo reads of the type it expects (the
 * `Definitions` type, checked by its generated schema). `file` only names it in errors.
 * Pure.
 */
export function parseDefinitions(text: string, file: string): DefinitionsParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${file} is not JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: `${file} is not a RabbitMQ definitions file (an object with exchanges, queues, ...)` };
  }
  const problem = definitionsShapeProblem(value);
  if (problem) return { ok: false, error: `${file} is not a RabbitMQ definitions file topo can read (${problem})` };
  return { ok: true, definitions: value as Definitions };
}
