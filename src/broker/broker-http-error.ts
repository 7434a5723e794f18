import { TopoError, type TopoErrorCode } from '../errors.js';
import { redactUrlsIn } from './redact-url.js';
import { oneLine } from '../text/one-line.js';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

/**
 * A management API call that failed, as one clear line. `path` is the API path as sent
 * (segments URL-encoded, no query, never credentials); `status` is absent when no HTTP answer
 * arrived (unreachable, timeout, TLS). `reason` is the broker's own reason text, when it gave one.
 * Any URL in the message or the reason shows no user information.
 */
export class BrokerHttpError extends TopoError {
  readonly reason?: string;

  constructor(
    code: TopoErrorCode,
    message: string,
    readonly method: HttpMethod,
    readonly path: string,
    readonly status?: number,
    reason?: string,
  ) {
    // The URLs come without credentials, but the details come from Node, proxies and brokers.
    super(code, redactUrlsIn(message));
    if (reason !== undefined) this.reason = redactUrlsIn(reason);
  }
}

/** What the message builders know about the failed call. No secret is ever part of it. */
export interface HttpCallContext {
  method: HttpMethod;
  path: string;
  /** The base URL that answered (or was tried), without credentials. */
  base: string;
  user: string;
}

/** An HTTP answer with a status the caller did not accept. `body` is the parsed JSON, if any. */
export function statusError(
  call: HttpCallContext,
  status: number,
  statusText: string,
  body: unknown,
): BrokerHttpError {
  const { error, reason } = brokerReason(body);
  const make = (code: TopoErrorCode, message: string) =>
    new BrokerHttpError(code, message, call.method, call.path, status, reason);
  const target = describeTarget(call.path);

  // RabbitMQ before 3.12 answers 401 for both a failed login and a missing tag or
  // permission; "not_authorised" (British spelling) marks the latter.
  if (status === 401 && error !== 'not_authorised') {
    return make(
      'broker-auth',
      `authentication failed for user "${call.user}" at ${call.base} (check --user/--password or TOPO_USER/TOPO_PASSWORD)`,
    );
  }
  if (status === 401 || status === 403) return make('broker-forbidden', forbiddenMessage(call, target, reason));
  const down = nodeDownMessage(call, reason);
  if (down !== undefined) return make('broker-node-down', down);
  // Its reason ("Not Found") says nothing of the vhost, so the message is built without it.
  if (isHiddenVhost(status, error, reason, target)) return make('broker-forbidden', forbiddenMessage(call, target, undefined));
  if (status === 404 || (status === 400 && reason === 'vhost_not_found')) {
    return make('broker-not-found', notFoundMessage(call, target));
  }
  const detail = reason ?? error ?? statusText;
  return make(
    'broker-http',
    `the broker refused ${call.method} ${call.path} at ${call.base} (${status}${detail ? `: ${detail}` : ''})`,
  );
}

/** No node of the cluster could be reached. `details` are Node's reasons, one per URL tried. */
export function unreachableError(call: HttpCallContext, urls: readonly string[], details: string[]): BrokerHttpError {
  const why = details.length > 0 ? ` (${oneLine(details.join('; '))})` : '';
  return new BrokerHttpError(
    'broker-unreachable',
    `cannot reach the management API at ${urls.join(', ')}${why}; is the broker running and the management plugin enabled?`,
    call.method,
    call.path,
  );
}

/** The connection broke after the request was sent, before a complete answer. */
export function connectionLostError(call: HttpCallContext, detail: string): BrokerHttpError {
  return new BrokerHttpError(
    'broker-unreachable',
    `the management API at ${call.base} closed the connection during ${call.method} ${call.path} (${oneLine(detail)})`,
    call.method,
    call.path,
  );
}

export function timeoutError(call: HttpCallContext, timeoutMs: number): BrokerHttpError {
  return new BrokerHttpError(
    'broker-timeout',
    `the management API at ${call.base} did not answer ${call.method} ${call.path} within ${timeoutMs} ms (raise --timeout, or check the broker)`,
    call.method,
    call.path,
  );
}

export function tlsError(call: HttpCallContext, detail: string): BrokerHttpError {
  return new BrokerHttpError(
    'broker-unreachable',
    `TLS connection to the management API at ${call.base} failed (${oneLine(detail)}); check --ca-cert, --client-cert, --client-key, or use --insecure`,
    call.method,
    call.path,
  );
}

/**
 * The management port that usually goes with an AMQP port: RabbitMQ's own pairs (5672 and
 * 15672, 5671 and 15671) are "1" before the AMQP port, and so is the habit of nodes moved to
 * other ports (5673 and 15673); anything else gets the default 15672.
 */
const managementPortFor = (amqpPort: string): string => (/^\d{4}$/.test(amqpPort) ? `1${amqpPort}` : '15672');

/**
 * What answered was not an HTTP server. `amqp`: it spoke AMQP, so the URL names RabbitMQ's
 * AMQP port; the message says which port the management API usually listens on.
 */
export function notHttpError(call: HttpCallContext, detail: string, amqp: boolean): BrokerHttpError {
  const url = new URL(call.base);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const usual = managementPortFor(port);
  url.port = usual;
  const fix = `--url (TOPO_URL) is the management API, usually ${url.origin}`;
  return new BrokerHttpError(
    'broker-unreachable',
    amqp
      ? `${call.base} is RabbitMQ's AMQP port, not the management API (it answered ${call.method} ${call.path} in AMQP); ${fix}`
      : `${call.base} does not speak HTTP (${oneLine(detail)}): it is not the management API; ${fix}`,
    call.method,
    call.path,
  );
}

/**
 * An accepted status whose body is not JSON (typically a proxy's or a web server's HTML page),
 * or an empty body where a document was expected. `contentType` is the answer's header.
 */
export function notJsonError(
  call: HttpCallContext,
  status: number,
  contentType: string | undefined,
  empty = false,
): BrokerHttpError {
  const what = empty ? 'an empty body' : contentType ? contentType.split(';')[0]!.trim() : 'a body without content type';
  return new BrokerHttpError(
    'broker-response',
    `the management API at ${call.base} answered ${call.method} ${call.path} with ${what} instead of JSON; is the URL the RabbitMQ management API (e.g. http://host:15672)?`,
    call.method,
    call.path,
    status,
  );
}

/** The object a path names: `/api/queues/%2F/q` is a queue "q" in vhost "/". */
interface Target {
  kind?: string;
  vhost?: string;
  /** The object's name, when the path names exactly one object of the vhost. */
  name?: string;
  /** The path names the vhost itself or its whole listing (`/api/queues/{vhost}`). */
  wholeVhost?: boolean;
}

/** API paths whose segment after the kind is a vhost. */
const VHOST_SCOPED = new Set([
  'definitions',
  'queues',
  'exchanges',
  'bindings',
  'policies',
  'operator-policies',
  'permissions',
  'topic-permissions',
  'vhosts',
  'vhost-limits',
]);

const OBJECT_WORDS: Record<string, string> = {
  queues: 'queue',
  exchanges: 'exchange',
  policies: 'policy',
  'operator-policies': 'operator policy',
};

function describeTarget(path: string): Target {
  const segments = path.split('/').slice(2).map(safeDecode);
  const [kind, vhost, name] = segments;
  if (kind === undefined || !VHOST_SCOPED.has(kind) || vhost === undefined) return kind === undefined ? {} : { kind };
  if (segments.length === 2) return { kind, vhost, wholeVhost: true };
  return { kind, vhost, ...(name !== undefined && segments.length === 3 ? { name } : {}) };
}

/**
 * RabbitMQ 4.x answers a user without permissions on an existing vhost with 404
 * `{"error":"not_found","reason":"Not Found"}` (its access control hides the vhost), where a
 * missing vhost or object is 404 `Object Not Found`. Measured on 4.3.6; 3.x answers 401
 * `not_authorised` instead (and 404 `not_found` with another reason for a node that is down).
 */
function isHiddenVhost(status: number, error: string | undefined, reason: string | undefined, target: Target): boolean {
  return status === 404 && error === 'not_found' && reason === 'Not Found' && target.vhost !== undefined;
}

function forbiddenMessage(call: HttpCallContext, target: Target, reason: string | undefined): string {
  const who = `user "${call.user}"`;
  if (reason && /not management user/i.test(reason)) {
    return `${who} is not allowed to use the management API at ${call.base} (needs the management, policymaker, monitoring or administrator tag)`;
  }
  if (reason && /administrator/i.test(reason)) {
    return `${who} is not allowed to ${call.method} ${call.path} at ${call.base} (needs the administrator tag)`;
  }
  if (reason && /policymaker/i.test(reason)) {
    return `${who} is not allowed to ${call.method} ${call.path} at ${call.base} (needs the policymaker or administrator tag)`;
  }
  if (target.vhost !== undefined && (!reason || /virtual host|vhost/i.test(reason))) {
    return `${who} is not allowed to access vhost "${target.vhost}" at ${call.base} (needs permissions on vhost "${target.vhost}")`;
  }
  const needs =
    target.vhost === undefined
      ? 'needs the management or administrator tag'
      : `needs the management/administrator tag or permissions on vhost "${target.vhost}"`;
  return `${who} is not allowed to ${call.method} ${call.path} at ${call.base}${reason ? `: ${reason}` : ''} (${needs})`;
}

/**
 * A node the call needs is down, as RabbitMQ words it. A durable classic queue whose home node
 * is down stays in the broker's definitions, but every call on it (declare, bind, delete, GET)
 * is answered 404 "home node ... of durable queue ... is down or inaccessible" (3.10): that is
 * not "not found". Declaring on a named node that is down is a 400 "could not be contacted".
 */
function nodeDownMessage(call: HttpCallContext, reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  const at = `(${call.method} ${call.path} at ${call.base})`;
  const home = /home node '([^']+)' of durable queue '((?:[^']|'(?! in vhost '))*)' in vhost '(.*)' is down/.exec(reason);
  if (home) return `queue "${home[2]}" in vhost "${home[3]}" is unavailable: its home node ${home[1]} is down or unreachable ${at}`;
  const node = /[Nn]ode '([^']+)' could not be contacted/.exec(reason);
  if (node) return `node ${node[1]} is down or unreachable ${at}`;
  return undefined;
}

function notFoundMessage(call: HttpCallContext, target: Target): string {
  if (target.wholeVhost) {
    return `vhost "${target.vhost}" does not exist at ${call.base}`;
  }
  const word = target.kind === undefined ? undefined : OBJECT_WORDS[target.kind];
  if (word && target.vhost !== undefined && target.name !== undefined) {
    return `${word} "${target.name}" does not exist in vhost "${target.vhost}" at ${call.base} (or the vhost does not exist)`;
  }
  return `not found: ${call.method} ${call.path} at ${call.base}`;
}

function brokerReason(body: unknown): { error?: string; reason?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const { error, reason } = body as { error?: unknown; reason?: unknown };
  return {
    ...(error === undefined ? {} : { error: oneLine(String(error)) }),
    ...(reason === undefined ? {} : { reason: oneLine(typeof reason === 'string' ? reason : JSON.stringify(reason)) }),
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
