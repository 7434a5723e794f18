/**
 * A secret as the spec refers to it, never its value: the text written in a secret field (a
 * user's password; a URI with credentials), such as `${env:ORDERS_PASSWORD}` or
 * `${file:secrets/orders.txt}`, with `${file:}` paths made relative to the working directory
 * (the spec says them relative to its own file). Plans, plan files and errors carry this, so
 * they hold no secret; the value is read again from the environment or the file whenever it
 * is needed (the diff, the executor), through a `SecretReader`.
 */
export interface SecretRef {
  /** The text as written, its `${env:}` and `${file:}` references unresolved. */
  ref: string;
}

/** Reads the value of a secret: the environment and files at the time of the call. Throws a one-line TopoError naming the reference, never the value. */
export type SecretReader = (secret: SecretRef) => string;

/** Whether a value of the model is a SecretRef (a secret field). */
export function isSecretRef(value: unknown): value is SecretRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as SecretRef).ref === 'string' && Object.keys(value).length === 1;
}

/**
 * Where a spec holds secrets, as paths of keys (`*` stands for any one key): the loader keeps
 * their text as written, export writes placeholders there. Other kinds with secrets (URIs with
 * credentials) add their paths here.
 */
export const SECRET_PATHS: readonly (readonly string[])[] = [
  ['users', '*', 'password'],
  // Shovel and federation upstream URIs, one or a list: the management API returns them with
  // their credentials, and a spec writes those as secrets.
  ...[
    ['vhosts', '*', 'shovels', '*', 'source', 'uri'],
    ['vhosts', '*', 'shovels', '*', 'destination', 'uri'],
    ['vhosts', '*', 'federationUpstreams', '*', 'uri'],
  ].flatMap((path) => [path, [...path, '*']]),
];

/** Whether the node at `path` of a spec document is a secret field. */
export function isSecretPath(path: readonly (string | number)[]): boolean {
  return SECRET_PATHS.some((pattern) => pattern.length === path.length && pattern.every((p, i) => p === '*' || p === path[i]));
}
