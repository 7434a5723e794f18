/** The routing simulator: where a message lands, offline, exactly as RabbitMQ 3.x routes it. */
export { compileRoutes, type CompiledExchange, type RouteTable, type BindingMatcher } from './route-table.js';
export {
  route,
  type RouteMessage,
  type RouteResult,
  type RouteHop,
  type BindingHop,
  type AlternateExchangeHop,
  type DefaultExchangeHop,
  type HopOutcome,
  type RouteError,
} from './route.js';
export { runRoutingTests } from './run-routing-tests.js';
export { testResultOf, type TestResult, type TestError } from './test-result.js';
export { headersMatch, xMatchOf, type XMatch } from './headers-match.js';
export { buildTopicTrie, matchTopic, splitTopicKey, type TopicTrie } from './topic-trie.js';
export { parseHeaderFlags, HEADER_TYPES, type HeaderType, type ParsedHeaders } from './parse-header-flags.js';
export { routeJson, renderRouteText, type RouteJson } from './render-route.js';
export { renderTestResultsText, testResultsJson, type TestResultsJson, type TestResultJson } from './render-test-results.js';
