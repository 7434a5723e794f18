import http from 'node:http';
import https from 'node:https';
import {
  connectionLostError,
  notHttpError,
  notJsonError,
  statusError,
  timeoutError,
  tlsError,
  unreachableError,
  type HttpCallContext,
  type HttpMethod,
} from './broker-http-error.js';
import type { Connection } from './connection.js';
import {
  isTransientNoAnswer,
  isTransientStatus,
  retryPolicy,
  withRetry,
  type NoAnswer,
  type RetryPolicy,
} from './retry-policy.js';

export { apiPath } from './api-path.js';
export { BrokerHttpError, type HttpMethod } from './broker-http-error.js';

/**
 * Tuning of a ManagementClient; the defaults suit the CLI. The retry fields override those of
 * `DEFAULT_RETRY_POLICY` for idempotent requests (GET, PUT, DELETE).
 */
export interface ManagementClientOptions extends Partial<RetryPolicy> {
  /** Sockets per node kept open and reused (keep-alive). Default 16. */
  maxSockets?: number;
  /** Receives one line per HTTP exchange (method, URL without credentials, status, time). */
  debug?: (line: string) => void;
}

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  query?: Record<string, string>;
  /** Statuses that are an answer rather than an error. Default 200, 201, 204. */
  okStatuses?: readonly number[];
}

/** Node error codes meaning the TCP connection never opened: nothing reached the broker. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
const DEFAULT_OK = [200, 201, 204];

interface RawAnswer {
  kind: 'answer';
  status: number;
  statusText: string;
  contentType: string | undefined;
  text: string;
}

/** Why one exchange with one node produced no answer. */
interface Failure {
  kind: NoAnswer;
  base: string;
  detail: string;
}

/**
 * The RabbitMQ management HTTP API of one broker or cluster, over Node's `http`/`https` with
 * keep-alive agents. A node that cannot be reached is skipped for the next one of
 * `connection.urls`, and the one that answers is remembered. Idempotent requests (GET, PUT,
 * DELETE) are retried by `retryPolicy` on the failures ./retry-policy.ts calls transient;
 * POST never is (it only moves to another node when the connection never opened). Every
 * failure is a `BrokerHttpError` with one clear line and no credentials.
 */
export class ManagementClient {
  readonly connection: Connection;
  readonly #httpAgent: http.Agent;
  readonly #httpsAgent: https.Agent;
  /** How idempotent requests are retried; callers that repeat a POST they know is safe use it too. */
  readonly retryPolicy: Readonly<RetryPolicy>;
  readonly #debug: ((line: string) => void) | undefined;
  #preferred = 0;
  // Requests not yet answered, ended by `close`: a command may close its client while a read it
  // started early (topo plan, while the spec is checked) still waits for a slow broker.
  readonly #inFlight = new Set<http.ClientRequest>();
  #closed = false;

  constructor(connection: Connection, options: ManagementClientOptions = {}) {
    this.connection = connection;
    const maxSockets = options.maxSockets ?? 16;
    this.#httpAgent = new http.Agent({ keepAlive: true, maxSockets });
    this.#httpsAgent = new https.Agent({ keepAlive: true, maxSockets, ...connection.tlsOptions() });
    this.retryPolicy = retryPolicy(options);
    this.#debug = options.debug;
  }

  /** The base URL requests go to first: the last node that answered. */
  get baseUrl(): string {
    return this.connection.urls[this.#preferred]!;
  }

  /**
   * One API call. `path` is an API path built with `apiPath`. Resolves with the status, the
   * parsed JSON body (undefined when empty) and the base URL of the node that answered, when
   * the status is one of `okStatuses`; otherwise throws a `BrokerHttpError`.
   */
  async request<T>(
    method: HttpMethod,
    path: string,
    options: RequestOptions = {},
  ): Promise<{ status: number; body: T | undefined; base: string }> {
    const idempotent = method !== 'POST';
    const bodyText = options.body === undefined ? undefined : JSON.stringify(options.body);
    const search = options.query ? new URLSearchParams(options.query).toString() : '';
    const target = search ? `${path}?${search}` : path;
    const okStatuses = options.okStatuses ?? DEFAULT_OK;

    const outcome = await withRetry(
      () => this.#tryNodes(method, target, bodyText, idempotent),
      // A try returns its failure as a value; only idempotent requests are repeated, and none once closed.
      (settled) => idempotent && !this.#closed && settled.ok && isTransientOutcome(settled.value),
      this.retryPolicy,
    );
    const call: HttpCallContext = { method, path, base: outcome.base, user: this.connection.user };
    if (outcome.kind === 'answer') return { ...parseAnswer<T>(call, outcome, okStatuses), base: outcome.base };
    throw this.#failureError(call, outcome);
  }

  /** GET a JSON document; an empty answer is an error. */
  async get<T>(path: string, query?: Record<string, string>): Promise<T> {
    const { status, body } = await this.request<T>('GET', path, query ? { query } : {});
    if (body === undefined) {
      throw notJsonError({ method: 'GET', path, base: this.baseUrl, user: this.connection.user }, status, undefined, true);
    }
    return body;
  }

  /**
   * Ends the requests still waiting for an answer (they fail, and are not retried) and closes
   * the kept-alive sockets. The client must not be used afterwards.
   */
  close(): void {
    this.#closed = true;
    for (const req of this.#inFlight) req.destroy();
    this.#httpAgent.destroy();
    this.#httpsAgent.destroy();
  }

  /**
   * Sends to the preferred node, then to the others while the failure is one that allows it:
   * a connection that never opened (any method), or one lost before an answer (idempotent only).
   */
  async #tryNodes(
    method: HttpMethod,
    target: string,
    bodyText: string | undefined,
    idempotent: boolean,
  ): Promise<(RawAnswer & { base: string }) | (Failure & { failures: Failure[] })> {
    const urls = this.connection.urls;
    const failures: Failure[] = [];
    for (let i = 0; i < urls.length; i++) {
      const index = (this.#preferred + i) % urls.length;
      const base = urls[index]!;
      const outcome = await this.#send(base, method, target, bodyText);
      if (outcome.kind === 'answer') {
        this.#preferred = index;
        return { ...outcome, base };
      }
      failures.push(outcome);
      const moveOn = !this.#closed && (outcome.kind === 'not-connected' || (outcome.kind === 'lost' && idempotent));
      if (!moveOn) break;
    }
    return { ...failures[failures.length - 1]!, failures };
  }

  #send(base: string, method: HttpMethod, target: string, bodyText: string | undefined): Promise<RawAnswer | Failure> {
    const url = new URL(base + target);
    const secure = url.protocol === 'https:';
    const started = Date.now();
    const headers: http.OutgoingHttpHeaders = {
      // JSON first; anything else accepted: RabbitMQ 3.10 answers 406 to a user-limits PUT that
      // accepts JSON only (that resource offers no JSON for writes).
      accept: 'application/json, */*;q=0.1',
      authorization: this.connection.basicAuthorization(),
      'user-agent': 'topo',
    };
    if (bodyText !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(bodyText);
    }
    return new Promise((resolve) => {
      let settled = false;
      const settle = (result: RawAnswer | Failure) => {
        if (settled) return;
        settled = true;
        this.#inFlight.delete(req);
        const what = result.kind === 'answer' ? String(result.status) : `${result.kind}: ${result.detail}`;
        this.#debug?.(`${method} ${base}${target} -> ${what} (${Date.now() - started} ms)`);
        resolve(result);
      };
      const options: http.RequestOptions = { method, headers, agent: secure ? this.#httpsAgent : this.#httpAgent };
      const req = (secure ? https : http).request(url, options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          settle({
            kind: 'answer',
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            contentType: res.headers['content-type'],
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('close', () => {
          if (!res.complete) settle({ kind: 'lost', base, detail: 'the answer was cut off' });
        });
        res.on('error', (error) => settle(classify(base, error, req)));
      });
      req.setTimeout(this.connection.timeoutMs, () => {
        // A socket that never connected means the node is unreachable, not slow.
        const connecting = req.socket?.connecting ?? true;
        settle(
          connecting
            ? { kind: 'not-connected', base, detail: `connect timed out after ${this.connection.timeoutMs} ms` }
            : { kind: 'timeout', base, detail: `no answer within ${this.connection.timeoutMs} ms` },
        );
        req.destroy();
      });
      req.on('error', (error) => settle(classify(base, error, req)));
      this.#inFlight.add(req);
      if (this.#closed) req.destroy();
      req.end(bodyText);
    });
  }

  #failureError(call: HttpCallContext, outcome: Failure & { failures: Failure[] }) {
    switch (outcome.kind) {
      case 'not-connected':
        return unreachableError(
          call,
          outcome.failures.map((f) => f.base),
          outcome.failures.map((f) => (outcome.failures.length > 1 ? `${f.base}: ${f.detail}` : f.detail)),
        );
      case 'lost':
        return connectionLostError(call, outcome.detail);
      case 'timeout':
        return timeoutError(call, this.connection.timeoutMs);
      case 'tls':
        return tlsError(call, outcome.detail);
      case 'not-http':
        return notHttpError(call, outcome.detail, outcome.detail === AMQP_ANSWER);
      default: {
        const impossible: never = outcome.kind;
        throw new Error(`unknown failure ${String(impossible)}`);
      }
    }
  }
}

function isTransientOutcome(outcome: RawAnswer | Failure): boolean {
  return outcome.kind === 'answer' ? isTransientStatus(outcome.status) : isTransientNoAnswer(outcome.kind);
}

/** The `detail` of a `not-http` failure whose server answered with an AMQP protocol header. */
const AMQP_ANSWER = 'the server answered in AMQP';

function classify(base: string, error: Error, req: http.ClientRequest): Failure {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const detail = error.message || code;
  // Node's HTTP parser (HPE_*) could not read the answer. RabbitMQ's AMQP port answers
  // anything that is not AMQP with its protocol header "AMQP\0\0\x09\x01" and hangs up.
  if (code.startsWith('HPE_')) {
    const raw = (error as { rawPacket?: unknown }).rawPacket;
    const amqp = Buffer.isBuffer(raw) && raw.subarray(0, 4).toString('latin1') === 'AMQP';
    return { kind: 'not-http', base, detail: amqp ? AMQP_ANSWER : detail };
  }
  if (NOT_CONNECTED.has(code)) return { kind: 'not-connected', base, detail };
  if (/CERT|TLS|SSL|SELF_SIGNED|EPROTO/i.test(code) || /certificate|ssl|tls/i.test(error.message)) {
    return { kind: 'tls', base, detail };
  }
  // A reset on a socket that never finished connecting (e.g. a TLS port spoken to in plain
  // HTTP) also reached nothing.
  if (req.socket?.connecting) return { kind: 'not-connected', base, detail };
  return { kind: 'lost', base, detail };
}

function parseAnswer<T>(
  call: HttpCallContext,
  answer: RawAnswer,
  okStatuses: readonly number[],
): { status: number; body: T | undefined } {
  const parsed = parseJson(answer.text);
  if (!okStatuses.includes(answer.status)) {
    throw statusError(call, answer.status, answer.statusText, parsed.ok ? parsed.value : undefined);
  }
  if (!parsed.ok) throw notJsonError(call, answer.status, answer.contentType);
  return { status: answer.status, body: parsed.value as T | undefined };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
