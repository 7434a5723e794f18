import { parseBrokerVersion } from '../compat/broker-version.js';
import { TopoError } from '../errors.js';
import { formatDiagnostic, validateSpec, validateSpecOutlined, type LoadOptions } from '../load/load-topology.js';
import type { SpecOutline } from '../load/spec-outline.js';
import { declaredVhost } from '../model/declared-vhost.js';
import { combineNormalized, type NormalizedTopology } from '../model/normalized-topology.js';
import type { CommandIO } from './io.js';
import type { SpecOptions } from './options.js';

/**
 * How a command checks its spec against a RabbitMQ version: `offline` against the one the
 * spec or `--broker-version` names; `broker` later, against the broker it talks to (plan,
 * apply, test --live), so nothing is checked, or reported, twice.
 */
export type VersionCheck = 'offline' | 'broker';

/**
 * The spec of every command that reads one: loads `paths` with the `--var` values and the
 * environment, prints warnings to standard error, and throws `TopoError('spec-invalid')`
 * (one `file:line:col: message` line per error) when the spec is invalid. `beforeChecks`, if
 * given, is awaited with the spec's outline once its files are parsed (`validateSpecOutlined`).
 */
export async function loadSpecFromFlags(
  paths: string[],
  options: SpecOptions,
  io: CommandIO,
  versionCheck: VersionCheck = 'offline',
  beforeChecks?: (outline: SpecOutline) => Promise<void>,
): Promise<NormalizedTopology> {
  const load = loadOptions(options, io, versionCheck);
  const result = await (beforeChecks ? validateSpecOutlined(paths, load, beforeChecks) : validateSpec(paths, load));
  for (const warning of result.warnings) io.err(`${formatDiagnostic(warning)}\n`);
  if (!result.ok) throw new TopoError('spec-invalid', result.errors.map(formatDiagnostic).join('\n'));
  return result.topology;
}

/** The loader's options for a command's flags; refuses a `--broker-version` that is no version. */
export function loadOptions(options: SpecOptions, io: CommandIO, versionCheck: VersionCheck = 'offline'): LoadOptions {
  const { brokerVersion } = options;
  if (brokerVersion !== undefined && !parseBrokerVersion(brokerVersion)) {
    throw new TopoError('usage', `--broker-version: "${brokerVersion}" is not a RabbitMQ version (such as 4.3 or 3.10.8)`);
  }
  return {
    vars: parseVarFlags(options.var ?? []),
    env: io.env,
    ...(brokerVersion === undefined ? {} : { brokerVersion }),
    ...(versionCheck === 'broker' ? { checkCompatibility: false } : {}),
  };
}

/** `--var key=value` flags as a record; the value may contain `=`, a later key wins. */
export function parseVarFlags(flags: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new TopoError('usage', `--var expects key=value, got "${flag}"`);
    vars[flag.slice(0, eq)] = flag.slice(eq + 1);
  }
  return vars;
}

/**
 * `--vhost NAME`, repeatable, for plan and apply: only those vhosts of the spec, which must
 * declare each (an error names the nearest one). No names: the whole spec.
 */
export function onlyVhosts(topology: NormalizedTopology, names: readonly string[] | undefined): NormalizedTopology {
  if (names === undefined || names.length === 0) return topology;
  for (const name of names) {
    const declared = declaredVhost(topology, name);
    if (!declared.ok) throw new TopoError('usage', `--vhost: ${declared.error}`);
  }
  return combineNormalized([topology], names);
}
