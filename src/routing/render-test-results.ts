import type { RoutingTest } from '../model/topology.js';
import { describeMessage, describeRouteError } from './describe-message.js';
import { renderPath } from './render-path.js';
import type { RouteHop } from './route.js';
import type { TestError, TestResult } from './test-result.js';

/** One test in the `topo test --json` document. */
export interface TestResultJson {
  name: string;
  passed: boolean;
  vhost: string;
  exchange: string;
  routingKey: string;
  headers: RoutingTest['headers'];
  expected: string[];
  got: string[];
  missing: string[];
  unexpected: string[];
  /** The groups of `TestResult` (exchanges that pick at random); each only when not empty. */
  expectedOneOf?: string[][];
  gotOneOf?: string[][];
  missingOneOf?: string[][];
  unexpectedOneOf?: string[][];
  alternateExchangeUsed: boolean;
  path?: RouteHop[];
  error?: { code: TestError; message: string };
}

/** The `topo test --json` document (formatVersion 1). */
export interface TestResultsJson {
  formatVersion: 1;
  summary: { passed: number; failed: number };
  tests: TestResultJson[];
}

/** The `--json` view of test results; the text view is rendered from the same data. */
export function testResultsJson(results: readonly TestResult[]): TestResultsJson {
  const tests = results.map((r): TestResultJson => {
    const { vhost, exchange, routingKey, headers } = r.test;
    return {
      name: r.name,
      passed: r.passed,
      vhost,
      exchange,
      routingKey,
      headers,
      expected: r.expected,
      got: r.got,
      missing: r.missing,
      unexpected: r.unexpected,
      ...nonEmpty('expectedOneOf', r.expectedOneOf),
      ...nonEmpty('gotOneOf', r.gotOneOf),
      ...nonEmpty('missingOneOf', r.missingOneOf),
      ...nonEmpty('unexpectedOneOf', r.unexpectedOneOf),
      alternateExchangeUsed: r.alternateExchangeUsed,
      ...(r.path === undefined ? {} : { path: r.path }),
      ...(r.error === undefined
        ? {}
        : { error: { code: r.error, message: describeRouteError(r.error, r.errorSubject ?? '', vhost) } }),
    };
  });
  const passed = tests.filter((t) => t.passed).length;
  return { formatVersion: 1, summary: { passed, failed: tests.length - passed }, tests };
}

export interface RenderTestOptions {
  /** ANSI colours for the marks (a terminal without NO_COLOR). */
  color: boolean;
}

/**
 * The test report for a terminal or a CI log: `✓ name` per passing test; for a failing one
 * also the message, expected and got queues, what is missing or unexpected, the error if
 * any, and the path; then `N passed, N failed` on its own line.
 */
export function renderTestResultsText(results: readonly TestResult[], options: RenderTestOptions): string {
  const view = testResultsJson(results);
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const list = (queues: readonly string[], groups: readonly string[][] = []) => {
    const parts = [...(queues.length > 0 ? [queues.join(', ')] : []), ...groups.map((g) => `one of (${g.join(', ')})`)];
    return parts.length === 0 ? '(none)' : parts.join('; ');
  };
  const lines: string[] = [];
  if (view.tests.length === 0) lines.push('no tests: the spec has no `tests:` section');
  view.tests.forEach((t, i) => {
    const loc = results[i]?.test.loc;
    const where = loc ? `  (${loc.file}:${loc.line}:${loc.col})` : '';
    if (t.passed) {
      lines.push(`${paint(32, '✓')} ${t.name}`);
      return;
    }
    lines.push(`${paint(31, '✗')} ${t.name}${where}`);
    lines.push(`    message:    ${describeMessage(t.vhost, t.exchange, t.routingKey, t.headers)}`);
    if (t.error) lines.push(`    error:      ${t.error.message}`);
    lines.push(`    expected:   ${list(t.expected, t.expectedOneOf)}`);
    lines.push(`    got:        ${list(t.got, t.gotOneOf)}`);
    if (t.missing.length > 0 || t.missingOneOf) lines.push(`    missing:    ${list(t.missing, t.missingOneOf)}`);
    if (t.unexpected.length > 0 || t.unexpectedOneOf) lines.push(`    unexpected: ${list(t.unexpected, t.unexpectedOneOf)}`);
    if (t.error || !t.path) return;
    if (t.path.length === 0) {
      lines.push('    path:       no binding matched');
    } else {
      lines.push('    path:');
      lines.push(...renderPath(t.exchange, t.path, '      '));
    }
  });
  lines.push(`${view.summary.passed} passed, ${view.summary.failed} failed`);
  return `${lines.join('\n')}\n`;
}

/** `{ [key]: groups }` when there are groups, else nothing: tests without random exchanges keep their JSON. */
function nonEmpty<K extends string>(key: K, groups: string[][]): Partial<Record<K, string[][]>> {
  return groups.length > 0 ? ({ [key]: groups } as Partial<Record<K, string[][]>>) : {};
}
