import { TopoError } from '../errors.js';
import { DiagnosticList, formatDiagnostic, type SpecResult } from './diagnostic.js';
import { loadArguments, type LoadArguments } from './load-arguments.js';
import { readSpecFiles } from './read-spec-files.js';
import { readSecretFile } from './read-secret.js';
import type { NormalizedTopology } from '../model/normalized-topology.js';
import { outlineOf, type SpecOutline } from './spec-outline.js';
import { parseSpecSources, validateSpecDocuments } from './validate-spec-sources.js';

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
 * directory): `paths` is one path or a list of them. Never throws for a problem in the spec
 * or a missing file: every problem is a located diagnostic in the result. Rejects with a
 * TypeError when `paths` or `options` is not what this signature says.
 */
export async function validateSpec(paths: string | readonly string[], options?: LoadOptions): Promise<SpecResult> {
  return validateChecked(loadArguments('validateSpec', paths, options, process.env));
}

/**
 * The validated, normalized Topology of spec files (one path or a list of them). Throws
 * `TopoError('spec-invalid')` whose message has one `file:line:col: message` line per error
 * (warnings are not reported), and a TypeError when `paths` or `options` is not what this
 * signature says.
 */
export async function loadTopology(paths: string | readonly string[], options?: LoadOptions): Promise<NormalizedTopology> {
  const result = await validateChecked(loadArguments('loadTopology', paths, options, process.env));
  if (!result.ok) throw new TopoError('spec-invalid', result.errors.map(formatDiagnostic).join('\n'));
  return result.topology;
}

/**
 * `validateSpec` for a command that reads the broker too: `beforeChecks` is given the spec's
 * outline once its files are parsed, and awaited, before the rest of the checks run, so that
 * the command can start its reads and let the broker answer while the spec is checked.
 */
export async function validateSpecOutlined(
  paths: readonly string[],
  options: LoadOptions,
  beforeChecks: (outline: SpecOutline) => Promise<void>,
): Promise<SpecResult> {
  return validateChecked(loadArguments('validateSpec', paths, options, process.env), beforeChecks);
}

async function validateChecked(
  { paths, vars, env, compatibility }: LoadArguments,
  beforeChecks?: (outline: SpecOutline) => Promise<void>,
): Promise<SpecResult> {
  const diagnostics = new DiagnosticList();
  const sources = await readSpecFiles(paths, diagnostics);
  // Secret files are read to check them, never kept: the topology holds the reference.
  const documents = parseSpecSources(sources, { vars, env, readFile: readSecretFile }, diagnostics);
  if (beforeChecks) await beforeChecks(outlineOf(documents));
  return validateSpecDocuments(documents, diagnostics, compatibility);
}
