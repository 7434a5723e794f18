import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import type { ConnectionFlags } from '../cli/options.js';
import { TopoError } from '../errors.js';

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

/** Everything `new Connection` needs; `resolveConnection` builds it from flags and env. */
export interface ConnectionInit {
  urls: string[];
  user: string;
  password: string;
  timeoutMs: number;
  amqpUrl: string;
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
  /** AMQP URL without credentials (amqp:// or amqps://), possibly with a vhost path and query. */
  readonly amqpUrl: string;
  /** AMQP user (from the AMQP URL, else the management user). */
  readonly amqpUser: string;
  /** TLS file paths and `--insecure`, for display. */
  readonly tlsFiles: Readonly<TlsFiles>;
  readonly #password: string;
  readonly #amqpPassword: string;
  readonly #tls: TlsOptions;

  constructor(init: ConnectionInit) {
    if (init.urls.length === 0) throw new TopoError('usage', 'no management API URL given');
    this.urls = Object.freeze([...init.urls]);
    this.user = init.user;
    this.timeoutMs = init.timeoutMs;
    this.amqpUrl = init.amqpUrl;
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

  /** Replaces every occurrence of a secret of this connection in `text` (defence in depth). */
  redact(text: string): string {
    let out = text;
    for (const secret of [this.#password, this.#amqpPassword]) {
      // Very short secrets would mangle ordinary words; they are never put in messages anyway.
      if (secret.length >= 4) out = out.split(secret).join(REDACTED);
    }
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

/** For messages: the management URL(s), comma-separated, without credentials. */
export function describeConnection(conn: Connection): string {
  return conn.urls.join(', ');
}

const present = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * Resolves how to reach the broker. Precedence: flags, then `TOPO_*` environment variables,
 * then credentials embedded in a URL (which are removed from it), then defaults
 * (`http://localhost:15672`, guest/guest, 30 s). TLS files are read now; an unreadable file is
 * a one-line `TopoError`. The AMQP URL is `--amqp-url` / `TOPO_AMQP_URL`, else derived from
 * the first management URL's host (amqp://host:5672, or amqps://host:5671 when that URL is
 * https), with the management credentials unless the AMQP URL carries its own.
 */
export function resolveConnection(flags: ConnectionFlags, env: Record<string, string | undefined>): Connection {
  const rawUrls = (flags.url && flags.url.length > 0 ? flags.url : present(env.TOPO_URL) ? [env.TOPO_URL] : [])
    .flatMap((u) => u.split(','))
    .map((u) => u.trim())
    .filter((u) => u !== '');
  const parsed = (rawUrls.length > 0 ? rawUrls : [DEFAULT_MANAGEMENT_URL]).map(parseManagementUrl);
  const embedded = parsed.find((p) => p.user !== undefined || p.password !== undefined);

  const user = [flags.user, env.TOPO_USER, embedded?.user].find(present) ?? 'guest';
  const password = [flags.password, env.TOPO_PASSWORD, embedded?.password].find(present) ?? 'guest';

  const first = parsed[0]!;
  const amqpSource = [flags.amqpUrl, env.TOPO_AMQP_URL].find(present);
  const amqp = amqpSource === undefined ? deriveAmqpUrl(first.url) : parseAmqpUrl(amqpSource);

  const tlsFiles: TlsFiles = {
    ...(flags.caCert ? { caCert: flags.caCert } : {}),
    ...(flags.clientCert ? { clientCert: flags.clientCert } : {}),
    ...(flags.clientKey ? { clientKey: flags.clientKey } : {}),
    insecure: Boolean(flags.insecure),
  };
  const tls: TlsOptions = {
    ...(tlsFiles.caCert ? { ca: readTlsFile('--ca-cert', tlsFiles.caCert) } : {}),
    ...(tlsFiles.clientCert ? { cert: readTlsFile('--client-cert', tlsFiles.clientCert) } : {}),
    ...(tlsFiles.clientKey ? { key: readTlsFile('--client-key', tlsFiles.clientKey) } : {}),
    rejectUnauthorized: !tlsFiles.insecure,
  };

  const timeoutMs = flags.timeout ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TopoError('usage', `--timeout must be a positive number of milliseconds`);
  }

  return new Connection({
    urls: parsed.map((p) => p.url),
    user,
    password,
    timeoutMs,
    amqpUrl: amqp.url,
    amqpUser: amqp.user ?? user,
    amqpPassword: amqp.password ?? password,
    tlsFiles,
    tls,
  });
}

interface ParsedUrl {
  url: string;
  user?: string;
  password?: string;
}

/** Removes `user:password@` from text that failed to parse, so a usage error cannot echo it. */
function withoutUserinfo(text: string): string {
  return text.replace(/\/\/[^/?#]*@/, '//');
}

function parseManagementUrl(raw: string): ParsedUrl {
  // "localhost:15672" would parse with "localhost:" as the scheme.
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TopoError('usage', `invalid management API URL "${withoutUserinfo(raw)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TopoError('usage', `management API URL must be http:// or https://, got "${withoutUserinfo(raw)}"`);
  }
  // A path prefix (management behind a proxy) is kept; a trailing "/api" is the API itself.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api$/, '');
  return { url: `${url.protocol}//${url.host}${path}`, ...userinfo(url) };
}

function parseAmqpUrl(raw: string): ParsedUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TopoError('usage', `invalid AMQP URL "${withoutUserinfo(raw)}"`);
  }
  if (url.protocol !== 'amqp:' && url.protocol !== 'amqps:') {
    throw new TopoError('usage', `AMQP URL must be amqp:// or amqps://, got "${withoutUserinfo(raw)}"`);
  }
  const credentials = userinfo(url);
  url.username = '';
  url.password = '';
  return { url: url.toString().replace(/\/$/, ''), ...credentials };
}

function userinfo(url: URL): { user?: string; password?: string } {
  return {
    ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  };
}

function deriveAmqpUrl(managementUrl: string): ParsedUrl {
  const url = new URL(managementUrl);
  return {
    url: url.protocol === 'https:' ? `amqps://${url.hostname}:5671` : `amqp://${url.hostname}:5672`,
  };
}

function readTlsFile(flag: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable');
    throw new TopoError('file', `cannot read ${flag} file "${path}": ${why}`);
  }
}
