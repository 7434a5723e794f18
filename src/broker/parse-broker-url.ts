import { TopoError } from '../errors.js';
import { redactUrl } from './redact-url.js';
import { isValidPort, urlParts } from './url-parts.js';

/** A broker URL without its credentials, and the credentials it carried, decoded. */
export interface ParsedBrokerUrl {
  /** The URL without `user:password@`: safe to print. */
  url: string;
  user?: string;
  password?: string;
}

/** A scheme followed by `//`, as typed at the start of a URL. */
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** How to write the characters a password may hold that a URL reads as delimiters. */
const HOW_TO_ENCODE = 'write "/" as %2F, "?" as %3F, "#" as %23, "@" as %40, "," as %2C and "%" as %25';

/**
 * Characters that cannot stand unencoded in user information, the way people write URLs.
 * A URL parser would end the host at `/`, `?`, `#` (or `\`), and take the last `@`; a comma
 * separates the nodes of a cluster in `TOPO_URL`.
 */
const MANAGEMENT_DELIMITERS = /[/?#@\\,]/;
const AMQP_DELIMITERS = /[/?#@\\]/;

/**
 * A management API base URL (`http://host:15672`, `https://host/prefix`; `host:15672` means
 * http), without a trailing slash or `/api`, and the credentials it carried, decoded.
 * `source` (a flag or variable) starts the message of a `TopoError('usage')` for a URL that is
 * not one, or whose user and password are not percent-encoded. No message shows a password.
 */
export function parseManagementUrl(raw: string, source?: string): ParsedBrokerUrl {
  checkCredentials(raw, source, MANAGEMENT_DELIMITERS);
  // "localhost:15672" would parse with "localhost:" as the scheme.
  const url = parse(SCHEME.test(raw) ? raw : `http://${raw}`, raw, source, 'management API URL');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usage(source, `the management API URL must be http:// or https://, got "${redactUrl(raw)}"`);
  }
  // A path prefix (management behind a proxy) is kept; a trailing "/api" is the API itself.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api$/, '');
  return { url: `${url.protocol}//${url.host}${path}`, ...credentialsOf(url) };
}

/**
 * An AMQP URL (`amqp://host:5672/vhost?heartbeat=5`, or amqps) without its credentials, and
 * the credentials it carried, decoded. Errors as for `parseManagementUrl`.
 */
export function parseAmqpUrl(raw: string, source?: string): ParsedBrokerUrl {
  checkCredentials(raw, source, AMQP_DELIMITERS);
  if (!/^amqps?:\/\//i.test(raw)) throw usage(source, `the AMQP URL must be amqp:// or amqps://, got "${redactUrl(raw)}"`);
  const url = parse(raw, raw, source, 'AMQP URL');
  const credentials = credentialsOf(url);
  url.username = '';
  url.password = '';
  return { url: url.toString().replace(/\/$/, ''), ...credentials };
}

/**
 * Refuses user information that a URL parser would not read as the person meant (a password
 * holding `/`, `?`, `#`, `@`, a stray `%`), and a port that is not one, which may be a
 * password cut off by `/`: both would otherwise send the password as a host name, or print it.
 */
function checkCredentials(raw: string, source: string | undefined, delimiters: RegExp): void {
  const { userinfo, port } = urlParts(raw);
  if (userinfo !== undefined && (delimiters.test(userinfo) || !wellEncoded(userinfo))) {
    throw usage(source, `the user and password in the URL must be percent-encoded (${HOW_TO_ENCODE}); got "${redactUrl(raw)}"`);
  }
  if (userinfo === undefined && port !== undefined && !isValidPort(port)) {
    throw usage(source, `invalid port in "${redactUrl(raw)}"; if it is a password, percent-encode the user and password (${HOW_TO_ENCODE})`);
  }
}

/** Every `%` starts an escape, and the escapes decode to text. */
function wellEncoded(text: string): boolean {
  if (/%(?![0-9a-f]{2})/i.test(text)) return false;
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

function parse(text: string, raw: string, source: string | undefined, what: string): URL {
  try {
    return new URL(text);
  } catch {
    throw usage(source, `invalid ${what} "${redactUrl(raw)}"`);
  }
}

function credentialsOf(url: URL): { user?: string; password?: string } {
  return {
    ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  };
}

function usage(source: string | undefined, message: string): TopoError {
  return new TopoError('usage', source ? `${source}: ${message}` : message);
}
