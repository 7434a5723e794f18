import type { DiagnosticList } from '../diagnostic.js';
import type { SpecDraft } from '../spec-draft.js';
import { checkAccess } from './check-access.js';
import { checkBindingEndpoints } from './check-binding-endpoints.js';
import { checkBrokerVersion } from './check-broker-version.js';
import { checkDuplicateBindings } from './check-duplicate-bindings.js';
import { checkExchangeReferences } from './check-exchange-references.js';
import { checkHeadersMatch } from './check-headers-match.js';
import { checkLocalRandomBindings } from './check-local-random-bindings.js';
import { checkNames } from './check-names.js';
import { checkPatterns } from './check-patterns.js';
import { checkPluginParameters } from './check-plugin-parameters.js';
import { checkQueueArguments } from './check-queue-arguments.js';
import { checkQueueProperties } from './check-queue-properties.js';
import { checkRoutingKeys } from './check-routing-keys.js';
import { checkRoutingTests } from './check-routing-tests.js';
import { checkVersion } from './check-version.js';
import { createRuleContext, type SemanticRule } from './rule-context.js';

/** Every semantic rule, run after the schema on the merged drafts. Order does not matter. */
const SEMANTIC_RULES: readonly SemanticRule[] = [
  checkVersion,
  checkBrokerVersion,
  checkNames,
  checkQueueProperties,
  checkQueueArguments,
  checkRoutingKeys,
  checkDuplicateBindings,
  checkBindingEndpoints,
  checkHeadersMatch,
  checkLocalRandomBindings,
  checkExchangeReferences,
  checkPatterns,
  checkRoutingTests,
  checkAccess,
  checkPluginParameters,
];

/** Runs the rules, reporting to `diagnostics`. */
export function runSemanticRules(spec: SpecDraft, diagnostics: DiagnosticList, rules = SEMANTIC_RULES): void {
  const ctx = createRuleContext(spec, diagnostics);
  for (const rule of rules) rule(ctx);
}
