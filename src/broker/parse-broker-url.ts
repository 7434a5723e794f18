import { TopoError } from '../errors.js';

/** A broker URL without its credentials, and the credentials it carried, decoded. */
export interface ParsedBrokerUrl {
  /** The URL without `user:password@`: safe to print. */
  url: string;
  user?: string;
  password?: string;
}

/** A scheme followed by `//`, as typed at the start of a URL. */
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Removes `user:password@` from text that failed to parse, so a usage error cannot echo it. */
function withoutUserinfo(text: string): string {
  return text.replace(/\/\/[^/?#]*@/, '//');
}

/**
 * A management API base URL (`http://host:15672`, `https://host/prefix`; `host:15672` means
 * http), without a trailing slash or `/api`, and the credentials it carried.
 */
export function parseManagementUrl(raw: string): ParsedBrokerUrl {
  // "localhost:15672" would parse with "localhost:" as the scheme.
  const text = SCHEME.test(raw) ? raw : `http://${raw}`;
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

/** An AMQP URL (`amqp://host:5672/vhost?heartbeat=5`, or amqps), and the credentials it carried. */
export function parseAmqpUrl(raw: string): ParsedBrokerUrl {
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
