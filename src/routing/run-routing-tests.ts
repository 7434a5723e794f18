import type { Topology } from '../model/topology.js';
import { compileRoutes, type RouteTable } from './route-table.js';
import { route } from './route.js';
import { testResultOf, type TestResult } from './test-result.js';

/**
 * Runs the spec's `tests:` through the simulator, one result per test in spec order. Each
 * vhost is compiled once. A test naming a vhost the spec does not declare fails with
 * `unknown-vhost`. Pure and synchronous.
 */
export function runRoutingTests(topology: Topology): TestResult[] {
  const tables = new Map<string, RouteTable>();
  const tableOf = (vhost: string): RouteTable => {
    let table = tables.get(vhost);
    if (!table) {
      table = compileRoutes(topology, vhost);
      tables.set(vhost, table);
    }
    return table;
  };
  return topology.tests.map((test) => {
    if (!topology.vhosts.some((v) => v.name === test.vhost)) {
      return testResultOf(test, [], { error: 'unknown-vhost', errorSubject: test.vhost });
    }
    const result = route(tableOf(test.vhost), {
      exchange: test.exchange,
      routingKey: test.routingKey,
      headers: test.headers,
    });
    return testResultOf(test, result.queues, {
      oneOf: result.oneOf ?? [],
      path: result.path,
      alternateExchangeUsed: result.alternateExchangeUsed,
      ...(result.error === undefined ? {} : { error: result.error, errorSubject: result.errorExchange }),
    });
  });
}
