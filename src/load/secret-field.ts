import { dirname, isAbsolute, join } from 'node:path';
import { interpolate, type InterpolationSources } from './interpolate.js';

export { isSecretPath } from '../model/secret-ref.js';

/**
 * Secret fields: where a spec refers to a secret instead of writing it (a user's `password`).
 * Their text is kept as written (`${env:NAME}`, `${file:PATH}`), checked but never replaced,
 * so the topology, plans and plan files carry the reference only; the value is read when it is
 * needed (../model/secret-ref.ts, which lists the secret fields in `SECRET_PATHS`).
 */

/** A secret field's text as the topology keeps it, and the problems of its references. */
export interface SecretFieldValue {
  value: string;
  problems: string[];
}

const FILE_REFERENCE = /\$\{file:([^}]+)\}/g;

/**
 * A secret field's text checked (each `${env:}` set, each `${file:}` readable: the problems say
 * which reference, never a value) and with its `${file:}` paths made relative to the working
 * directory instead of the spec file `specFile`, so that `apply --plan` reads the same file.
 */
export function secretField(text: string, specFile: string, sources: InterpolationSources): SecretFieldValue {
  const value = text.replace(FILE_REFERENCE, (_match, path: string) => `\${file:${isAbsolute(path) ? path : join(dirname(specFile), path)}}`);
  const { problems } = interpolate(value, { vars: {}, env: sources.env, readFile: sources.readFile ?? (() => undefined) }, true);
  return { value, problems };
}
