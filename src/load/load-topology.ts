import { TopoError } from '../errors.js';
import { DiagnosticList, formatDiagnostic, type SpecResult } from './diagnostic.js';
import { readSpecFiles } from './read-spec-files.js';
import type { Topology } from '../model/topology.js';
import { validateSpecSources } from './validate-spec-sources.js';

export { formatDiagnostic };
export type { Diagnostic, SpecResult } from './diagnostic.js';

/**
 * Values for the spec's `${var:key}` and `${env:NAME}` references, and the RabbitMQ version it
 * is checked against (`brokerVersion`, `checkCompatibility`: see `CompatibilityOptions`).
 */
export interface LoadOptions {
  /** `--var key=value` pairs. */
  vars?: Record<string, string>;
  /** The environment for `${env:NAME}`; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Overrides the spec's `brokerVersion` (`--broker-version`). */
  brokerVersion?: string;
  /** False: leave the version checks to a later check against the broker itself. Default true. */
  checkCompatibility?: boolean;
}

/**
 * Reads, validates and normalizes spec files and directories (every `*.yaml`/`*.yml` below a
 * directory). Never throws for a problem in the spec or a missing file: every problem is a
 * located diagnostic in the result.
 */
export async function validateSpec(paths: string[], options: LoadOptions = {}): Promise<SpecResult> {
  const diagnostics = new DiagnosticList();
  const sources = await readSpecFiles(paths, diagnostics);
  return validateSpecSources(sources, { vars: options.vars ?? {}, env: options.env ?? process.env }, diagnostics, {
    ...(options.brokerVersion === undefined ? {} : { brokerVersion: options.brokerVersion }),
    ...(options.checkCompatibility === undefined ? {} : { check: options.checkCompatibility }),
  });
}

/**
 * The validated, normalized Topology of spec files. Throws `TopoError('spec-invalid')` whose
 * message has one `file:line:col: message` line per error; warnings are not reported.
 */
export async function loadTopology(paths: string[], options: LoadOptions = {}): Promise<Topology> {
  const result = await validateSpec(paths, options);
  if (!result.ok) throw new TopoError('spec-invalid', result.errors.map(formatDiagnostic).join('\n'));
  return result.topology;
}
