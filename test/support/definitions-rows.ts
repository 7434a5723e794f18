/**
 * Rows of RabbitMQ definitions, as `GET /api/definitions/{vhost}` gives them and
 * `POST /api/definitions/{vhost}` imports them: every field the broker writes, filled with its
 * defaults (durable, not auto-delete, not internal, no arguments; a binding to a queue, with
 * the empty routing key). Overrides win. For tests that declare objects the broker's own way,
 * or feed the definitions reader what a broker answers.
 */
import type { DefinitionsBinding, DefinitionsExchange, DefinitionsQueue } from '../../src/broker/definitions.js';

export function exchangeDefinition(name: string, type: string, o: Partial<DefinitionsExchange> = {}): DefinitionsExchange {
  return { name, type, durable: true, auto_delete: false, internal: false, arguments: {}, ...o };
}

export function queueDefinition(name: string, args: Record<string, unknown> = {}, o: Partial<DefinitionsQueue> = {}): DefinitionsQueue {
  return { name, durable: true, auto_delete: false, arguments: args, ...o };
}

export function bindingDefinition(source: string, destination: string, routingKey = '', o: Partial<DefinitionsBinding> = {}): DefinitionsBinding {
  return { source, destination, destination_type: 'queue', routing_key: routingKey, arguments: {}, ...o };
}
