import { readFileSync } from 'node:fs';
import { TopoError } from '../errors.js';
import type { SecretReader, SecretRef } from '../model/secret-ref.js';
import { interpolate } from './interpolate.js';

/**
 * The content of a `${file:PATH}` secret: the file's text without its trailing line break, or
 * undefined when it cannot be read.
 */
export function readSecretFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  } catch {
    return undefined;
  }
}

/**
 * Reads secrets from `env` and from files, at the time of each call (I/O). A reference that no
 * longer resolves throws a one-line `TopoError` naming the reference, never a value.
 */
export function secretReader(env: Readonly<Record<string, string | undefined>>): SecretReader {
  return (secret: SecretRef): string => {
    const { value, problems } = interpolate(secret.ref, { vars: {}, env, readFile: readSecretFile }, true);
    if (problems.length > 0) throw new TopoError('usage', problems[0] ?? `cannot read ${secret.ref}`);
    return value;
  };
}
