/** Small builders of plain Topology data for the routing tests. */
import type { Arguments, Binding, Exchange, Policy, Queue, RoutingTest, Topology } from '../../../src/spec/topology.js';

export const VHOST = '/';

export function exchange(name: string, type: string, extra: Partial<Exchange> = {}): Exchange {
  return { vhost: VHOST, name, type, durable: true, autoDelete: false, internal: false, arguments: {}, ...extra };
}

export function queue(name: string, extra: Partial<Queue> = {}): Queue {
  return {
    vhost: VHOST,
    name,
    type: 'classic',
    durable: true,
    autoDelete: false,
    exclusive: false,
    serverNamed: false,
    arguments: {},
    ...extra,
  };
}

/** A binding to a queue; `toExchange` makes it an exchange-to-exchange binding. */
export function bind(source: string, destination: string, routingKey = '', args: Arguments = {}): Binding {
  return { vhost: VHOST, source, destination, destinationType: 'queue', routingKey, arguments: args };
}

export function toExchange(source: string, destination: string, routingKey = '', args: Arguments = {}): Binding {
  return { ...bind(source, destination, routingKey, args), destinationType: 'exchange' };
}

export function policy(name: string, pattern: string, definition: Arguments, extra: Partial<Policy> = {}): Policy {
  return { vhost: VHOST, name, pattern, applyTo: 'exchanges', priority: 0, definition, ...extra };
}

export function test(name: string, fields: Partial<RoutingTest> & { exchange: string; expect: string[] }): RoutingTest {
  return { name, vhost: VHOST, routingKey: '', headers: {}, ...fields };
}

/** One vhost named VHOST holding the given objects. */
export function topology(parts: {
  exchanges?: Exchange[];
  queues?: Queue[];
  bindings?: Binding[];
  policies?: Policy[];
  tests?: RoutingTest[];
}): Topology {
  return {
    vhosts: [
      {
        name: VHOST,
        exchanges: parts.exchanges ?? [],
        queues: parts.queues ?? [],
        bindings: parts.bindings ?? [],
        policies: parts.policies ?? [],
        operatorPolicies: [],
        ignore: [],
      },
    ],
    tests: parts.tests ?? [],
  };
}
