/**
 * Names that belong to the broker, not to a spec: the diff never manages or reports them,
 * the reader and export leave them out.
 */

/** The default exchange `""` and the `amq.*` exchanges every vhost has (the prefix is reserved). */
export function isBrokerOwnedExchange(name: string): boolean {
  return name === '' || name.startsWith('amq.');
}

/** A name the broker picked for an application's server-named (exclusive) queue. */
export function isServerNamedQueue(name: string): boolean {
  return name.startsWith('amq.gen-');
}
