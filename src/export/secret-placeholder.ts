/**
 * How export writes a secret it must not print (a URI with credentials): a `${env:NAME}`
 * reference, so that the spec loads with the secret from the environment. The document holds
 * a marked string (`placeholder`) that `topologyToYaml` writes as the reference itself, while
 * every other `${` in the document is escaped. Pure.
 */

/** Starts a placeholder inside the document: no name or value of RabbitMQ holds a NUL. */
const MARK = '\u0000env:';

/** The marked string standing for `${env:NAME}`. */
export function placeholder(name: string): string {
  return `${MARK}${name}`;
}

/** The reference a marked string stands for, or undefined for any other string. */
export function placeholderReference(value: string): string | undefined {
  return value.startsWith(MARK) ? `\${env:${value.slice(MARK.length)}}` : undefined;
}

/**
 * An environment variable name made of the parts (vhost, kind, object, field): upper case,
 * every run of other characters one `_`. `["shop", "shovel", "drain-legacy", "source-uri"]` is
 * `SHOP_SHOVEL_DRAIN_LEGACY_SOURCE_URI`.
 */
export function placeholderName(parts: readonly string[]): string {
  const name = parts
    .map((p) => p.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, ''))
    .filter((p) => p !== '')
    .join('_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
