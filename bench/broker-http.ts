/**
 * The benchmark's own minimal management API access: node:http over one keep-alive Agent,
 * independent of topo's ManagementClient so the baselines measure the broker, not topo.
 */
import http from 'node:http';

/** Where the broker is; the same environment variables as topo. */
export interface BrokerTarget {
  /** Management API base URL without a trailing slash, e.g. http://127.0.0.1:15672. */
  url: string;
  user: string;
  password: string;
  /** The AMQP URL without credentials: TOPO_AMQP_URL, or the management port less 10000 (15672 -> 5672). */
  amqpUrl: string;
}

export function brokerTargetFromEnv(env: NodeJS.ProcessEnv = process.env): BrokerTarget {
  const url = (env.TOPO_URL ?? 'http://127.0.0.1:15672').split(',')[0]!.replace(/\/+$/, '');
  const management = new URL(url);
  const amqp = new URL(env.TOPO_AMQP_URL?.split(',')[0] ?? `amqp://${management.hostname}:${Number(management.port || 15672) - 10000}`);
  amqp.username = '';
  amqp.password = '';
  return {
    url,
    user: env.TOPO_USER ?? 'guest',
    password: env.TOPO_PASSWORD ?? 'guest',
    amqpUrl: amqp.toString().replace(/\/+$/, ''),
  };
}

export interface HttpAnswer {
  status: number;
  text: string;
}

/** A keep-alive HTTP session with at most `maxSockets` requests on the wire. */
export class BrokerHttp {
  readonly #agent: http.Agent;
  readonly #base: URL;
  readonly #auth: string;

  constructor(target: BrokerTarget, maxSockets = 8) {
    this.#agent = new http.Agent({ keepAlive: true, maxSockets });
    this.#base = new URL(target.url);
    this.#auth = `Basic ${Buffer.from(`${target.user}:${target.password}`).toString('base64')}`;
  }

  /** One call; `path` starts with /api. Never throws for a status: the caller judges it. */
  request(method: string, path: string, body?: unknown, timeoutMs = 600_000): Promise<HttpAnswer> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers: http.OutgoingHttpHeaders = { authorization: this.#auth, accept: 'application/json' };
    if (text !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(text);
    }
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          protocol: this.#base.protocol,
          hostname: this.#base.hostname,
          port: this.#base.port,
          path: this.#base.pathname.replace(/\/$/, '') + path,
          method,
          headers,
          agent: this.#agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(text);
    });
  }

  /** Like `request`, but a status outside `ok` is an error naming the call. */
  async expect(method: string, path: string, body?: unknown, ok: number[] = [200, 201, 204]): Promise<HttpAnswer> {
    const answer = await this.request(method, path, body);
    if (!ok.includes(answer.status)) {
      throw new Error(`${method} ${path}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    return answer;
  }

  close(): void {
    this.#agent.destroy();
  }
}

/** `/api/<segments>` with every segment URL-encoded (vhost "/" is %2F). */
export function api(...segments: string[]): string {
  return `/api/${segments.map(encodeURIComponent).join('/')}`;
}
