import type { SecretRef } from './secret-ref.js';
import type { SourceLocation } from './source-location.js';

/**
 * Users and their permissions: the access part of the Topology model. Users are broker-wide;
 * permissions and topic permissions belong to a vhost. Names follow RabbitMQ's vocabulary.
 */

/**
 * The password hashing modules RabbitMQ ships (`rabbit_password_hashing_*`). Topo can verify a
 * password against the hashes of these three; a user with another (a plugin's) is reported.
 */
export const HASHING_ALGORITHMS = [
  'rabbit_password_hashing_sha256',
  'rabbit_password_hashing_sha512',
  'rabbit_password_hashing_md5',
] as const;
export type HashingAlgorithm = (typeof HASHING_ALGORITHMS)[number];

/**
 * How a user logs in with a password, if at all:
 * - `none`: no password (certificate / EXTERNAL authentication);
 * - `password`: from a secret of the spec (only in a desired Topology);
 * - `hash`: a salted hash, as `passwordHash` + `hashingAlgorithm` in a spec or as the broker
 *   stores it. `hash` is absent where the plan shows a broker's user (changes, plan files):
 *   the hash stays out of every output.
 */
export type UserCredential =
  | { type: 'none' }
  | { type: 'password'; secret: SecretRef }
  | { type: 'hash'; algorithm: string; hash?: string };

/** A user's limits (`max-connections`, `max-channels`), as RabbitMQ names them; absent = no limit. */
export interface UserLimits {
  'max-connections'?: number;
  'max-channels'?: number;
}
export const USER_LIMIT_NAMES = ['max-connections', 'max-channels'] as const;

export interface User {
  name: string;
  /** Sorted, without repeats: `administrator`, `management`, `monitoring`, `policymaker`, or any. */
  tags: string[];
  credential: UserCredential;
  /** The limits set; absent in a desired Topology means the spec does not manage them. */
  limits?: UserLimits;
  loc?: SourceLocation;
}

/** A user's permissions in a vhost: three regexes over resource names. */
export interface Permission {
  vhost: string;
  user: string;
  configure: string;
  write: string;
  read: string;
  loc?: SourceLocation;
}

/** A user's topic permissions in a vhost: for each topic exchange, regexes over routing keys. */
export interface TopicPermission {
  vhost: string;
  user: string;
  /** By exchange name, keys sorted. */
  exchanges: { [exchange: string]: { write: string; read: string } };
  loc?: SourceLocation;
}
