import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runStep } from '../../../src/apply/run-step.js';
import { resolveConnection } from '../../../src/cli/resolve-connection.js';
import { ManagementClient, type ManagementClientOptions } from '../../../src/broker/management-client.js';
import type { Binding } from '../../../src/model/topology.js';

const binding: Binding = { vhost: 'v', source: 'x', destination: 'q', destinationType: 'queue', routingKey: 'k', arguments: {} };

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of cleanups.splice(0).reverse()) await dispose();
});

/** A stand-in management API answering each binding POST with the next status of `statuses`. */
async function bindingApi(statuses: number[]): Promise<{ url: string; posts: () => number }> {
  let posts = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    if (req.method === 'POST') posts++;
    const status = statuses.shift() ?? 201;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(status < 300 ? '' : JSON.stringify({ error: 'x', reason: `status ${status}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posts: () => posts };
}

function clientOf(url: string, options: ManagementClientOptions = {}): ManagementClient {
  const client = new ManagementClient(resolveConnection({ url: [url], user: 'u', password: 'p' }, {}), { backoffMs: 1, ...options });
  cleanups.push(() => client.close());
  return client;
}

describe('runStep: a binding POST is repeated on transient failures, with the client retry policy', () => {
  it('repeats it on 503 until the broker answers', async () => {
    const api = await bindingApi([503, 503, 201]);
    await runStep(clientOf(api.url), { op: 'bind', binding });
    expect(api.posts()).toBe(3);
  });

  it('gives up when the policy allows no more tries', async () => {
    const api = await bindingApi([503, 503, 503]);
    await expect(runStep(clientOf(api.url, { attempts: 2 }), { op: 'bind', binding })).rejects.toThrow(/503/);
    expect(api.posts()).toBe(2);
  });

  it('never repeats a refusal', async () => {
    const api = await bindingApi([400]);
    await expect(runStep(clientOf(api.url), { op: 'bind', binding })).rejects.toThrow(/400/);
    expect(api.posts()).toBe(1);
  });
});
