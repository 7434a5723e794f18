/**
 * A RabbitMQ version as topo compares it. A version written without its patch number
 * (`brokerVersion: "4.3"`, `--broker-version 4.3`) means any release of that series, so it
 * counts as its newest: a rule that starts at 4.3.5 applies to "4.3".
 */
export interface BrokerVersion {
  major: number;
  minor: number;
  /** Absent when the version was written as `major.minor`. */
  patch?: number;
  /** As written or reported, for messages (`4.3.6`, `4.3`). */
  text: string;
}

/**
 * `3.10.8`, `4.3`, and what brokers report (`4.3.6`, `4.1.0-beta.2`, `3.13.7+1.g4e7d6c2`);
 * undefined for anything else.
 */
export function parseBrokerVersion(text: string): BrokerVersion | undefined {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?(?:[-+].*)?$/.exec(text.trim());
  if (!match) return undefined;
  const [, major, minor, patch] = match;
  return {
    major: Number(major),
    minor: Number(minor),
    ...(patch === undefined ? {} : { patch: Number(patch) }),
    text: text.trim(),
  };
}

/** `version` is `minimum` (`major.minor.patch`) or later; a version without patch is its series' newest. */
export function isAtLeast(version: BrokerVersion, minimum: string): boolean {
  const [major = 0, minor = 0, patch = 0] = minimum.split('.').map(Number);
  if (version.major !== major) return version.major > major;
  if (version.minor !== minor) return version.minor > minor;
  return (version.patch ?? Number.POSITIVE_INFINITY) >= patch;
}
