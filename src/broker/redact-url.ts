import { isValidPort, urlParts } from './url-parts.js';

/** What a URL shows in place of a password. */
const HIDDEN = '***';

/** A user name worth showing: nothing in it could be the start of a password. */
const PLAIN_USER = /^[^/?#@\\\s]+$/;

/**
 * `text`, one URL as typed (valid or not), fit to print: everything between `//` and the LAST
 * `@` is hidden except a plain user name (`http://bob:***@host:15672`). Without `@`, a port
 * that is not one may be a password cut off by `/`, `?` or `#` (`http://bob:123x/Secr3t`), so
 * everything after the host is hidden (`http://bob:***`). Any other text is returned as is.
 * Pure.
 */
export function redactUrl(text: string): string {
  const { scheme, userinfo, host, port } = urlParts(text);
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    const user = colon >= 0 ? userinfo.slice(0, colon) : '';
    const shown = PLAIN_USER.test(user) ? `${user}:` : '';
    return `${scheme}${shown}${HIDDEN}${text.slice(scheme.length + userinfo.length)}`;
  }
  if (port !== undefined && !isValidPort(port)) return `${scheme}${host}:${HIDDEN}`;
  return text;
}

/** A URL with an `@` inside free text: a scheme, `//`, and no space or quote up to its end. */
const URL_WITH_USERINFO = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]*@[^\s"'<>`]*/gi;

/**
 * `text` (a message, a stack trace) with the user information of every URL in it hidden as
 * `redactUrl` does: the last line of defence for output. Pure.
 */
export function redactUrlsIn(text: string): string {
  return text.replace(URL_WITH_USERINFO, (url) => redactUrl(url));
}
