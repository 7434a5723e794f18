import { canonicalJson } from '../model/canonical-json.js';
import type { Arguments } from '../model/topology.js';
import type { TestError } from './test-result.js';

/** One line naming a message: `exchange "x" in vhost "/", routing key "k", headers {...}`. */
export function describeMessage(vhost: string, exchange: string, routingKey: string, headers: Arguments): string {
  const target = exchange === '' ? 'the default exchange' : `exchange "${exchange}"`;
  const withHeaders = Object.keys(headers).length > 0 ? `, headers ${canonicalJson(headers)}` : '';
  return `${target} in vhost "${vhost}", routing key "${routingKey}"${withHeaders}`;
}

/** One line saying why a message could not be routed; `subject` is the exchange or vhost. */
export function describeRouteError(error: TestError, subject: string, vhost: string): string {
  switch (error) {
    case 'unknown-vhost':
      return `vhost "${subject}" is not declared in the spec`;
    case 'unknown-exchange':
      return `exchange "${subject}" is not declared in vhost "${vhost}"`;
    case 'internal-exchange':
      return `exchange "${subject}" is internal: publishers cannot send to it directly, only other exchanges`;
    case 'invalid-routing-header':
      return 'the CC and BCC headers must be arrays of routing keys (RabbitMQ refuses the message)';
    case 'unsupported-exchange-type':
      return `exchange "${subject}" has a type whose routing topo cannot predict`;
    default: {
      const impossible: never = error;
      return impossible;
    }
  }
}
