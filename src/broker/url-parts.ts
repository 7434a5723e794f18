/**
 * A URL as a person typed it, cut where that person would read its parts, whatever a URL
 * parser would make of it. Used to judge and to redact credentials that were not
 * percent-encoded: a parser reads `http://bob:pa#ss@host` as host "bob" and fragment
 * "ss@host", the person meant user "bob", password "pa#ss" at "host".
 */
export interface UrlParts {
  /** `scheme://` as typed, or `""` when the text does not start with one. */
  scheme: string;
  /**
   * Everything between the scheme and the LAST `@`: the user and password the person meant
   * (a password may hold `/`, `?`, `#` and `@`). Absent when there is no `@`.
   */
  userinfo?: string;
  /** The host after the user information, up to its port, path, query or fragment. */
  host: string;
  /** What follows the host's `:` up to the path, query or fragment; absent without `:`. */
  port?: string;
  /** Path, query and fragment, as typed. */
  rest: string;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** `text` cut into its parts as a person meant them (see `UrlParts`). Pure; never throws. */
export function urlParts(text: string): UrlParts {
  const scheme = SCHEME.exec(text)?.[0] ?? '';
  const afterScheme = text.slice(scheme.length);
  const at = afterScheme.lastIndexOf('@');
  const hostAndRest = afterScheme.slice(at + 1);
  // Browsers and Node read "\" as "/" in http URLs.
  const end = hostAndRest.search(/[/?#\\]/);
  const authority = end >= 0 ? hostAndRest.slice(0, end) : hostAndRest;
  // An IPv6 address holds colons inside its brackets.
  const colon = authority.indexOf(':', authority.startsWith('[') ? authority.indexOf(']') + 1 : 0);
  return {
    scheme,
    ...(at >= 0 ? { userinfo: afterScheme.slice(0, at) } : {}),
    host: colon >= 0 ? authority.slice(0, colon) : authority,
    ...(colon >= 0 ? { port: authority.slice(colon + 1) } : {}),
    rest: end >= 0 ? hostAndRest.slice(end) : '',
  };
}

/** A URL's port as typed: digits for 0 to 65535, or empty (the scheme's default). */
export function isValidPort(port: string): boolean {
  return /^\d{0,5}$/.test(port) && (port === '' || Number(port) <= 65535);
}
