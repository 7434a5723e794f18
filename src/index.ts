/**
 * topo's library API. Applications load the same spec file the operators apply, declare the
 * queues only they can own (exclusive, server-named) and check at start-up that what they
 * need exists. Tools can reuse the pure stages (route, diff, plan, render, export, graph) and
 * plan against a live broker as `topo plan` does.
 */
export type * from './model/topology.js';
export { TopoError, ExitCode, type TopoErrorCode } from './errors.js';

// Spec: load, validate, normalize.
export { loadTopology, validateSpec, formatDiagnostic, type LoadOptions } from './load/load-topology.js';
export type { Diagnostic, SpecResult } from './load/diagnostic.js';

// Runtime declarations for applications (over an amqplib channel).
export { declareRuntime, type DeclareRuntimeOptions, type RuntimeDeclarations } from './runtime/declare-runtime.js';
export { assertTopology, type AssertTopologyOptions, type ChannelSource } from './runtime/assert-topology.js';

// Routing: where a message goes, offline.
export { compileRoutes, type RouteTable } from './routing/route-table.js';
export { route, type RouteMessage, type RouteResult, type RouteHop, type RouteError } from './routing/route.js';
export { runRoutingTests } from './routing/run-routing-tests.js';
export type { TestResult } from './routing/test-result.js';

// Diff, plan and render (pure).
export { diffTopology } from './plan/diff-topology.js';
export { planChanges } from './plan/plan-changes.js';
export { resolveMigrations } from './plan/resolve-migrations.js';
export type { Change, ChangeAction, ChangeKind } from './plan/change.js';
export type { Step } from './plan/step.js';
export type { Plan, PlanOptions } from './plan/plan.js';
export { serializePlan, parsePlan } from './plan/plan-file.js';
export { renderText } from './render/render-text.js';
export { renderJson } from './render/render-json.js';
export { renderMarkdown } from './render/render-markdown.js';

// Reaching a broker, and planning against it (reads only: nothing here changes the broker).
export { createConnection, type ConnectionOptions } from './broker/create-connection.js';
export type { Connection, TlsFiles, TlsOptions } from './broker/connection.js';
export { ManagementClient, BrokerHttpError, type ManagementClientOptions } from './broker/management-client.js';
export {
  planAgainstBroker,
  recheckSavedPlan,
  type SavedPlanCheck,
  type SavedPlanGuards,
} from './plan/plan-against-broker.js';

// Export and graph (pure).
export { topologyToYaml } from './export/topology-to-yaml.js';
export { renderMermaid } from './graph/render-mermaid.js';
export { renderDot } from './graph/render-dot.js';
