import type { RoutingTest } from '../model/topology.js';
import { compareStrings } from '../text/compare-strings.js';
import type { RouteError, RouteHop } from './route.js';

/** Why a routing test could not route its message. */
export type TestError = RouteError | 'unknown-vhost';

/**
 * The outcome of one routing test, offline or live. The renderers read only this, so every
 * way of running tests reports the same way.
 */
export interface TestResult {
  /** The test as the spec wrote it (name, vhost, exchange, routingKey, headers, expect). */
  test: RoutingTest;
  name: string;
  passed: boolean;
  /** The queues the spec expects; sorted, unique. */
  expected: string[];
  /** The queues the message reached; sorted, unique. */
  got: string[];
  /** Expected but not reached. */
  missing: string[];
  /** Reached but not expected. */
  unexpected: string[];
  /** How the message went (the simulator's path); absent when the runner cannot know it. */
  path?: RouteHop[];
  alternateExchangeUsed: boolean;
  /** Set when the message could not be routed; the test then fails. */
  error?: TestError;
  /** The exchange or vhost the error is about. */
  errorSubject?: string;
}

/** Compares what a test expected with what a message got; shared by every runner. */
export function testResultOf(
  test: RoutingTest,
  got: readonly string[],
  details: { path?: RouteHop[]; alternateExchangeUsed?: boolean; error?: TestError; errorSubject?: string } = {},
): TestResult {
  const expected = [...new Set(test.expect)].sort(compareStrings);
  const reached = [...new Set(got)].sort(compareStrings);
  const missing = expected.filter((q) => !reached.includes(q));
  const unexpected = reached.filter((q) => !expected.includes(q));
  const { error, errorSubject } = details;
  return {
    test,
    name: test.name,
    passed: error === undefined && missing.length === 0 && unexpected.length === 0,
    expected,
    got: reached,
    missing,
    unexpected,
    ...(details.path === undefined ? {} : { path: details.path }),
    alternateExchangeUsed: details.alternateExchangeUsed ?? false,
    ...(error === undefined ? {} : { error, ...(errorSubject === undefined ? {} : { errorSubject }) }),
  };
}
