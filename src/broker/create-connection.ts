import { Connection, DEFAULT_MANAGEMENT_URL, DEFAULT_TIMEOUT_MS, type TlsFiles, type TlsOptions } from './connection.js';
import { parseAmqpUrl, parseManagementUrl, type ParsedBrokerUrl } from './parse-broker-url.js';

/** How to reach a broker, as an application or the CLI states it. Every field is optional. */
export interface ConnectionOptions {
  /**
   * Management API base URLs, one per node of a cluster, tried in order. A URL may carry
   * `user:password@` (percent-encoded); `user`/`password` win over it. Default
   * `http://localhost:15672`.
   */
  urls?: readonly string[];
  /** Management API user; default the URL's, else `guest`. */
  user?: string;
  /** Management API password; default the URL's, else `guest`. */
  password?: string;
  /**
   * AMQP URL (amqp:// or amqps://) for the lock, exact counts and live tests, or a list of
   * them, one per node of a cluster, tried in order; credentials in the first URL that has
   * them win over the management ones for AMQP. Default: each management URL's host, port
   * 5672 (5671 for https); topo then prefers the nodes' own listeners, read from the
   * management API (`readAmqpTarget`).
   */
  amqpUrl?: string | readonly string[];
  /** Per-request timeout in milliseconds; default 30 s. */
  timeoutMs?: number;
  /** TLS material (file contents) and whether to verify the server; verified by default. */
  tls?: Partial<TlsOptions>;
  /** Paths of the TLS files, shown instead of their contents. */
  tlsFiles?: Omit<TlsFiles, 'insecure'>;
  /** Where `urls` and `amqpUrl` came from (a flag, a variable): named first in errors about them. */
  sources?: { urls?: string; amqpUrl?: string };
}

const present = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * A Connection from URLs and credentials: credentials embedded in a URL are taken out of it
 * (an explicit `user`/`password` wins), and the AMQP URLs are derived from the management
 * URLs when not given. Throws a one-line `TopoError('usage')` for a URL it cannot use, or whose
 * user and password are not percent-encoded; the message never shows the password.
 */
export function createConnection(options: ConnectionOptions = {}): Connection {
  const given = (options.urls ?? []).filter(present);
  const parsed = (given.length > 0 ? given : [DEFAULT_MANAGEMENT_URL]).map((u) => parseManagementUrl(u, options.sources?.urls));
  const embedded = parsed.find((p) => p.user !== undefined || p.password !== undefined);
  const user = [options.user, embedded?.user].find(present) ?? 'guest';
  const password = [options.password, embedded?.password].find(present) ?? 'guest';
  const givenAmqp = (typeof options.amqpUrl === 'string' ? [options.amqpUrl] : (options.amqpUrl ?? [])).filter(present);
  const amqp =
    givenAmqp.length > 0
      ? givenAmqp.map((u) => parseAmqpUrl(u, options.sources?.amqpUrl))
      : parsed.map((p) => deriveAmqpUrl(p.url));
  const amqpUrls = [...new Set(amqp.map((a) => a.url))];
  const amqpEmbedded = amqp.find((a) => a.user !== undefined || a.password !== undefined);
  const tls: TlsOptions = {
    ...(options.tls?.ca ? { ca: options.tls.ca } : {}),
    ...(options.tls?.cert ? { cert: options.tls.cert } : {}),
    ...(options.tls?.key ? { key: options.tls.key } : {}),
    rejectUnauthorized: options.tls?.rejectUnauthorized ?? true,
  };
  return new Connection({
    urls: parsed.map((p) => p.url),
    user,
    password,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    amqpUrl: amqpUrls[0]!,
    amqpUrls,
    amqpGiven: givenAmqp.length > 0,
    amqpUser: amqpEmbedded?.user ?? user,
    amqpPassword: amqpEmbedded?.password ?? password,
    tlsFiles: { ...options.tlsFiles, insecure: !tls.rejectUnauthorized },
    tls,
  });
}

/** amqp://host:5672 for an http management URL, amqps://host:5671 for https. */
function deriveAmqpUrl(managementUrl: string): ParsedBrokerUrl {
  const url = new URL(managementUrl);
  return {
    url: url.protocol === 'https:' ? `amqps://${url.hostname}:5671` : `amqp://${url.hostname}:5672`,
  };
}
