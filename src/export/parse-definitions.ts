import type { Definitions } from '../broker/definitions.js';

/** Definitions read from a text, or a one-line error saying why the text is not definitions. */
export type DefinitionsParse = { ok: true; definitions: Definitions } | { ok: false; error: string };

/** The lists a definitions file may have; each must be an array when present. */
const LISTS = ['vhosts', 'exchanges', 'queues', 'bindings', 'policies', 'parameters'] as const;

/**
 * RabbitMQ definitions (`GET /api/definitions`, `rabbitmqctl export_definitions`) from the text
 * of `file`: JSON, an object, and every list it has an array. `file` only names it in errors.
 * Pure.
 */
export function parseDefinitions(text: string, file: string): DefinitionsParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${file} is not JSON: ${(error as Error).message}` };
  }
  const object = value !== null && typeof value === 'object' && !Array.isArray(value);
  const record = value as Record<string, unknown>;
  if (!object || LISTS.some((k) => record[k] !== undefined && !Array.isArray(record[k]))) {
    return { ok: false, error: `${file} is not a RabbitMQ definitions file (an object with exchanges, queues, ...)` };
  }
  return { ok: true, definitions: value as Definitions };
}
