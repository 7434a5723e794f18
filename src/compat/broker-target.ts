import { isAtLeast, type BrokerVersion } from './broker-version.js';

/**
 * The broker a spec is checked against. Offline (`topo validate`) it is the version the user
 * names, or nothing; at plan time it is what the broker reports.
 */
export interface BrokerTarget {
  /**
   * The version to check against. Absent: unknown, and only what every version refuses or
   * deprecates is reported.
   */
  version?: BrokerVersion;
  /**
   * Whether the broker permits each deprecated feature (true) or denies it (false), by its
   * name as `GET /api/deprecated-features` reports it (RabbitMQ 3.13+). Absent: the version's
   * defaults decide (see `isDenied`), since a broker's configuration can change them.
   */
  permitted?: ReadonlyMap<string, boolean>;
  /** The plugins enabled on every node. Absent: unknown (offline, or not readable). */
  enabledPlugins?: ReadonlySet<string>;
}

/**
 * A deprecated feature RabbitMQ denies by default from some release on (unless its
 * configuration says `deprecated_features.permit.<name> = true`).
 */
export interface DeprecatedFeature {
  name: string;
  /** The first release that denies it by default. */
  deniedFrom: string;
}

/**
 * Whether the target refuses the feature: as the broker says when it says, else by the
 * version's default. `undefined` when neither is known (no version).
 */
export function isDenied(target: BrokerTarget, feature: DeprecatedFeature): boolean | undefined {
  const permitted = target.permitted?.get(feature.name);
  if (permitted !== undefined) return !permitted;
  return target.version ? isAtLeast(target.version, feature.deniedFrom) : undefined;
}

/** How messages name the target: `RabbitMQ 4.3.6`, or `the broker` when its version is unknown. */
export function targetName(target: BrokerTarget): string {
  return target.version ? `RabbitMQ ${target.version.text}` : 'the broker';
}
