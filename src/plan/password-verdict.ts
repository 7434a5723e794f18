import { createHash, timingSafeEqual } from 'node:crypto';
import type { UserCredential } from '../model/access.js';
import type { SecretReader } from '../model/secret-ref.js';

/** Whether the broker's credential is the one the spec asks for, or topo cannot tell. */
export type PasswordVerdict = 'same' | 'changed' | { unverifiable: string };

/** The hash functions of RabbitMQ's `rabbit_password_hashing_*` modules. */
const HASHES: Readonly<Record<string, string>> = {
  rabbit_password_hashing_sha256: 'sha256',
  rabbit_password_hashing_sha512: 'sha512',
  rabbit_password_hashing_md5: 'md5',
};

/**
 * Compares a desired credential with the broker's without sending the password anywhere.
 * RabbitMQ stores base64(salt ‖ H(salt ‖ UTF-8 password)) with a 4-byte salt (rabbit_password.erl:
 * `hash/2`, `salted_hash/3`), H from the user's `hashing_algorithm`. The desired password is
 * hashed with the stored salt and compared in constant time. A hash written in the spec is
 * compared as written. A broker's user with an algorithm topo does not know (a plugin's) is
 * `unverifiable`, naming it.
 */
export function passwordVerdict(desired: UserCredential, actual: UserCredential, secrets: SecretReader | undefined): PasswordVerdict {
  const stored = actual.type === 'hash' ? (actual.hash ?? '') : '';
  switch (desired.type) {
    case 'none':
      return stored === '' ? 'same' : 'changed';
    case 'hash':
      return desired.hash === stored && (stored === '' || actual.type !== 'hash' || desired.algorithm === actual.algorithm) ? 'same' : 'changed';
    case 'password': {
      if (stored === '' || actual.type !== 'hash') return 'changed';
      const hash = HASHES[actual.algorithm];
      if (hash === undefined) return { unverifiable: actual.algorithm };
      if (!secrets) return 'changed';
      const bytes = Buffer.from(stored, 'base64');
      if (bytes.length <= 4) return 'changed';
      const salt = bytes.subarray(0, 4);
      const expected = bytes.subarray(4);
      const computed = createHash(hash).update(salt).update(Buffer.from(secrets(desired.secret), 'utf8')).digest();
      return computed.length === expected.length && timingSafeEqual(computed, expected) ? 'same' : 'changed';
    }
    default: {
      const impossible: never = desired;
      return impossible;
    }
  }
}
