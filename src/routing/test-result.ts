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
  /** The queues the spec expects for sure; sorted, unique. */
  expected: string[];
  /** The groups of queues of which the spec expects exactly one (`{ oneOf: [...] }`); sorted. */
  expectedOneOf: string[][];
  /** The queues the message reached (offline: for sure); sorted, unique. */
  got: string[];
  /** Offline, the groups of which exactly one gets the message (random exchanges); live, none. */
  gotOneOf: string[][];
  /** Expected but not reached. */
  missing: string[];
  /** Reached but not expected. */
  unexpected: string[];
  /** Expected groups not met: the simulator has no such choice, or live, none of them got it. */
  missingOneOf: string[][];
  /** Groups too many: the simulator's choices the spec does not expect, or live, groups of which several got it. */
  unexpectedOneOf: string[][];
  /** How the message went (the simulator's path); absent when the runner cannot know it. */
  path?: RouteHop[];
  alternateExchangeUsed: boolean;
  /** Set when the message could not be routed; the test then fails. */
  error?: TestError;
  /** The exchange or vhost the error is about. */
  errorSubject?: string;
}

/**
 * Compares what a test expected with what a message got; shared by every runner. With
 * `details.oneOf` (the simulator's groups, possibly none), `got` and the groups must be what
 * the test expects; without (a message really published), `got` must be the expected queues
 * plus exactly one queue of each expected group.
 */
export function testResultOf(
  test: RoutingTest,
  got: readonly string[],
  details: { path?: RouteHop[]; alternateExchangeUsed?: boolean; oneOf?: readonly (readonly string[])[]; error?: TestError; errorSubject?: string } = {},
): TestResult {
  const expected = sortedSet(test.expect);
  const expectedOneOf = sortedGroups(test.expectOneOf ?? []);
  const reached = sortedSet(got);
  const simulated = details.oneOf !== undefined;
  const gotOneOf = sortedGroups(details.oneOf ?? []);
  const grouped = new Set(simulated ? [] : expectedOneOf.flat());
  const missing = expected.filter((q) => !reached.includes(q));
  const unexpected = reached.filter((q) => !expected.includes(q) && !grouped.has(q));
  const hits = (group: readonly string[]) => group.filter((q) => reached.includes(q)).length;
  const missingOneOf = simulated ? without(expectedOneOf, gotOneOf) : expectedOneOf.filter((g) => hits(g) === 0);
  const unexpectedOneOf = simulated ? without(gotOneOf, expectedOneOf) : expectedOneOf.filter((g) => hits(g) > 1);
  const { error, errorSubject } = details;
  return {
    test,
    name: test.name,
    passed:
      error === undefined &&
      missing.length === 0 &&
      unexpected.length === 0 &&
      missingOneOf.length === 0 &&
      unexpectedOneOf.length === 0,
    expected,
    expectedOneOf,
    got: reached,
    gotOneOf,
    missing,
    unexpected,
    missingOneOf,
    unexpectedOneOf,
    ...(details.path === undefined ? {} : { path: details.path }),
    alternateExchangeUsed: details.alternateExchangeUsed ?? false,
    ...(error === undefined ? {} : { error, ...(errorSubject === undefined ? {} : { errorSubject }) }),
  };
}

function sortedSet(names: readonly string[]): string[] {
  return [...new Set(names)].sort(compareStrings);
}

/** Each group a sorted set, the groups sorted: equal choices compare equal. */
function sortedGroups(groups: readonly (readonly string[])[]): string[][] {
  return groups.map(sortedSet).sort((a, b) => compareStrings(groupKey(a), groupKey(b)));
}

/** The groups of `groups` that `others` does not have. */
function without(groups: readonly string[][], others: readonly string[][]): string[][] {
  const keys = new Set(others.map(groupKey));
  return groups.filter((g) => !keys.has(groupKey(g)));
}

function groupKey(group: readonly string[]): string {
  return group.join('\u0000');
}
