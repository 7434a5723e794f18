import { parseBrokerVersion } from '../compat/broker-version.js';
import { checkCompatibility } from '../compat/check-compatibility.js';
import type { Topology } from '../model/topology.js';
import { checkSchema } from './check-schema.js';
import { collectSpec } from './collect-spec.js';
import { DiagnosticList, type SpecResult } from './diagnostic.js';
import type { InterpolationSources } from './interpolate.js';
import { normalizeSpec } from './normalize.js';
import { parseSpecFile } from './parse-spec-file.js';
import type { SpecDocument } from './parsed-document.js';
import type { SpecSource } from './spec-source.js';
import { runSemanticRules } from './rules/semantic-rules.js';

/** Which RabbitMQ version a spec is checked against (see src/compat/). */
export interface CompatibilityOptions {
  /** Overrides the spec's `brokerVersion`, such as `4.3` or `3.10.8` (`--broker-version`). */
  brokerVersion?: string;
  /**
   * False for commands that check the spec against the broker they talk to instead (`plan`,
   * `apply`, `test --live`), so nothing is reported twice. Default true.
   */
  check?: boolean;
}

/**
 * The whole spec stage on texts already read: parse (with positions and interpolation),
 * schema, merge, semantic rules, normalize, then what the target broker version refuses or
 * deprecates. Pure and synchronous; `diagnostics` may already hold problems found while
 * reading files.
 */
export function validateSpecSources(
  sources: readonly SpecSource[],
  interpolation: InterpolationSources,
  diagnostics: DiagnosticList = new DiagnosticList(),
  compatibility: CompatibilityOptions = {},
): SpecResult {
  return validateSpecDocuments(parseSpecSources(sources, interpolation, diagnostics), diagnostics, compatibility);
}

/** The spec stage's first step: every file's documents, parsed and interpolated. */
export function parseSpecSources(sources: readonly SpecSource[], interpolation: InterpolationSources, diagnostics: DiagnosticList): SpecDocument[] {
  return sources.flatMap((source) => parseSpecFile(source.file, source.text, interpolation, diagnostics));
}

/** The rest of the spec stage, on documents `parseSpecSources` read (see `validateSpecSources`). */
export function validateSpecDocuments(
  documents: readonly SpecDocument[],
  diagnostics: DiagnosticList,
  compatibility: CompatibilityOptions = {},
): SpecResult {
  const checked = documents.map((document) => ({ document, invalid: checkSchema(document, diagnostics) }));
  const spec = collectSpec(checked, diagnostics);
  runSemanticRules(spec, diagnostics);
  if (diagnostics.errorCount > 0) return { ok: false, ...diagnostics.split() };
  const topology = normalizeSpec(spec);
  if (compatibility.check !== false) checkBrokerCompatibility(topology, compatibility.brokerVersion, diagnostics);
  const { errors, warnings } = diagnostics.split();
  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, topology, warnings };
}

/**
 * Reports what the spec's target version refuses (errors) or deprecates (warnings); without a
 * version, only what every version deprecates. An unreadable `given` version is an error of
 * its own (the spec's `brokerVersion` has passed the schema's pattern).
 */
function checkBrokerCompatibility(topology: Topology, given: string | undefined, diagnostics: DiagnosticList): void {
  const text = given ?? topology.brokerVersion;
  const version = text === undefined ? undefined : parseBrokerVersion(text);
  if (text !== undefined && !version) {
    diagnostics.error({ file: '--broker-version', line: 0, col: 0 }, `"${text}" is not a RabbitMQ version (such as 4.3 or 3.10.8)`);
    return;
  }
  for (const problem of checkCompatibility(topology, version ? { version } : {})) {
    diagnostics[problem.severity](problem.loc ?? NO_LOCATION, problem.message);
  }
}

/** Every spec object has a location; this is for the type's sake. */
const NO_LOCATION = { file: '(spec)', line: 0, col: 0 };
