import { inspect } from 'node:util';
import { TopoError } from '../errors.js';
import { redactUrlsIn } from './redact-url.js';
import { urlParts } from './url-parts.js';

/** Default management API base URL when neither `--url` nor `TOPO_URL` is given. */
export const DEFAULT_MANAGEMENT_URL = 'http://localhost:15672';
/** Default per-request timeout in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;

const REDACTED = '[redacted]';

/** Paths of the TLS files as given on the command line: display only, no key material. */
export interface TlsFiles {
  caCert?: string;
  clientCert?: string;
  clientKey?: string;
  /** `--insecure`: the server certificate is not verified. */
  insecure: boolean;
}

/** Options for Node's `https`/`tls`, holding the file contents. Never print them. */
export interface TlsOptions {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized: boolean;
}

/** Everything `new Connection` needs, resolved and checked; `createConnection` builds it from options. */
export interface ConnectionInit {
  urls: string[];
  user: string;
  password: string;
  timeoutMs: number;
  /** The first of `amqpUrls`, when only that is given. */
  amqpUrl: string;
  /** AMQP URLs tried in order; default `[amqpUrl]`. */
  amqpUrls?: string[];
  /** True when the user named the AMQP URLs; false when they were derived from the management URLs. */
  amqpGiven?: boolean;
  amqpUser: string;
  amqpPassword: string;
  tlsFiles: TlsFiles;
  tls: TlsOptions;
}

/**
 * How to reach one broker (or one cluster). Secrets (passwords, TLS material) live in private
 * fields: `JSON.stringify`, `util.inspect`, `String()` and object spread never show them.
 * Code that needs them asks explicitly (`basicAuthorization`, `amqpAuth`, `tlsOptions`).
 */
export class Connection {
  /** Management API base URLs, tried in this order; never empty, no credentials, no trailing slash. */
  readonly urls: readonly string[];
  /** Management API user. */
  readonly user: string;
  /** Per-request timeout in milliseconds. */
  readonly timeoutMs: number;
  /** The first of `amqpUrls`. */
  readonly amqpUrl: string;
  /**
   * AMQP URLs without credentials (amqp:// or amqps://, possibly with a vhost path and query),
   * tried in order: one per node of a cluster. Never empty.
   */
  readonly amqpUrls: readonly string[];
  /**
   * True when the user gave `amqpUrls` (`--amqp-url`, `TOPO_AMQP_URL`); false when they are a
   * guess from the management hosts, which the broker's own listeners replace where topo can
   * read them (`readAmqpTarget`).
   */
  readonly amqpGiven: boolean;
  /** AMQP user (from the AMQP URL, else the management user). */
  readonly amqpUser: string;
  /** TLS file paths and `--insecure`, for display. */
  readonly tlsFiles: Readonly<TlsFiles>;
  readonly #password: string;
  readonly #amqpPassword: string;
  readonly #tls: TlsOptions;

  constructor(init: ConnectionInit) {
    if (init.urls.length === 0) throw new TopoError('usage', 'no management API URL given');
    // The URLs are printed in messages and views: a password must never ride in one.
    const amqpUrls = init.amqpUrls && init.amqpUrls.length > 0 ? init.amqpUrls : [init.amqpUrl];
    if ([...init.urls, ...amqpUrls].some((url) => urlParts(url).userinfo !== undefined)) {
      throw new TopoError('usage', 'a Connection URL must not carry credentials (createConnection takes them out)');
    }
    if (!Number.isFinite(init.timeoutMs) || init.timeoutMs <= 0) {
      throw new TopoError('usage', `the request timeout must be a positive number of milliseconds, got ${init.timeoutMs}`);
    }
    this.urls = Object.freeze([...init.urls]);
    this.user = init.user;
    this.timeoutMs = init.timeoutMs;
    this.amqpUrls = Object.freeze([...amqpUrls]);
    this.amqpUrl = amqpUrls[0]!;
    this.amqpGiven = init.amqpGiven ?? true;
    this.amqpUser = init.amqpUser;
    this.tlsFiles = Object.freeze({ ...init.tlsFiles });
    this.#password = init.password;
    this.#amqpPassword = init.amqpPassword;
    this.#tls = { ...init.tls };
  }

  /** The value of the HTTP `Authorization` header. Send it; never print it. */
  basicAuthorization(): string {
    return `Basic ${Buffer.from(`${this.user}:${this.#password}`).toString('base64')}`;
  }

  /** AMQP credentials, for amqplib only. Never print them. */
  amqpAuth(): { user: string; password: string } {
    return { user: this.amqpUser, password: this.#amqpPassword };
  }

  /** TLS options for `https.Agent` / `tls.connect`. Never print them (they hold the client key). */
  tlsOptions(): TlsOptions {
    return { ...this.#tls };
  }

  /**
   * Replaces every occurrence of a password of this connection in `text`, as typed,
   * percent-encoded, or base64-encoded alone or as `user:password` (an `Authorization`
   * header), and hides the user information of any URL in it (defence in depth).
   */
  redact(text: string): string {
    let out = redactUrlsIn(text);
    const forms = [
      ...secretForms(this.user, this.#password),
      ...secretForms(this.amqpUser, this.#amqpPassword),
      // Longest first, so that no form is cut in half by a shorter one.
    ].sort((a, b) => b.length - a.length);
    // Very short forms would mangle ordinary words; they are never put in messages anyway.
    for (const form of forms) if (form.length >= 4) out = out.split(form).join(REDACTED);
    return out;
  }

  /** A redacted, printable view. */
  toJSON(): Record<string, unknown> {
    return {
      urls: [...this.urls],
      user: this.user,
      password: REDACTED,
      timeoutMs: this.timeoutMs,
      amqpUrl: this.amqpUrl,
      amqpUrls: [...this.amqpUrls],
      amqpUser: this.amqpUser,
      amqpPassword: REDACTED,
      tls: { ...this.tlsFiles },
    };
  }

  [inspect.custom](): string {
    return `Connection ${JSON.stringify(this.toJSON())}`;
  }

  toString(): string {
    return `Connection(user "${this.user}" at ${describeConnection(this)})`;
  }
}

/** The forms in which `password` could show in text. */
function secretForms(user: string, password: string): string[] {
  if (password === '') return [];
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  return [password, encodeURIComponent(password), base64(`${user}:${password}`), base64(password)];
}

/** For messages: the management URL(s), comma-separated, without credentials. */
export function describeConnection(conn: Connection): string {
  return conn.urls.join(', ');
}
