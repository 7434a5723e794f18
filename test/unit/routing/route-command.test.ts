import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Topology } from '../../../src/model/topology.js';
import { bufferIO } from '../../../src/cli/io.js';
import { bind, exchange, queue, topology, toExchange, vhostAsWritten } from '../../support/builders.js';

// The spec loader is another stage with its own tests; here it hands over plain data.
const loaded = vi.hoisted(() => ({ topology: undefined as Topology | undefined }));
vi.mock('../../../src/cli/load-spec.js', () => ({
  loadSpecFromFlags: async () => loaded.topology,
}));
const { routeCommand } = await import('../../../src/cli/route.js');

const spec = topology(vhostAsWritten({
  exchanges: [
    exchange({ name: 'topic_logs', type: 'topic', arguments: { 'alternate-exchange': 'unrouted' } }),
    exchange({ name: 'unrouted', type: 'fanout', internal: true }),
    exchange({ name: 'pdf_router', type: 'headers' }),
  ],
  queues: [queue({ name: 'audit' }), queue({ name: 'lost' }), queue({ name: 'counted' })],
  bindings: [
    bind('topic_logs', 'audit', 'kern.*'),
    toExchange('topic_logs', 'unrouted', 'never'),
    bind('unrouted', 'lost'),
    bind('pdf_router', 'audit', '', { format: 'pdf' }),
    bind('pdf_router', 'counted', '', { count: 5, urgent: true }),
  ],
}));

const run = async (options: Partial<Parameters<typeof routeCommand>[1]>) => {
  const io = bufferIO();
  const code = await routeCommand(['spec.yaml'], { var: [], exchange: '', header: [], ...options }, io).catch((error: Error) => {
    io.err(`${error.name}: ${error.message}`);
    return -1;
  });
  return { code, stdout: io.stdout, stderr: io.stderr };
};

beforeEach(() => {
  loaded.topology = spec;
});

describe('routeCommand', () => {
  it('prints where the message goes', async () => {
    const { code, stdout } = await run({ exchange: 'topic_logs', routingKey: 'kern.info' });
    expect(code).toBe(0);
    expect(stdout).toBe(
      ['message to exchange "topic_logs" in vhost "/", routing key "kern.info"', '  topic_logs', '  └── key "kern.*" → queue audit', 'reaches 1 queue: audit', ''].join('\n'),
    );
  });

  it('prints JSON with --json', async () => {
    const { code, stdout } = await run({ exchange: 'topic_logs', routingKey: 'user.info', json: true });
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ formatVersion: 1, queues: ['lost'], alternateExchangeUsed: true });
    expect(Object.keys(json)).toEqual(['formatVersion', 'queues', 'path', 'alternateExchangeUsed']);
    expect(json.path.map((h: { via: string }) => h.via)).toEqual(['alternate-exchange', 'binding']);
  });

  it('types -H values only when told to', async () => {
    const asStrings = await run({ exchange: 'pdf_router', header: ['count=5', 'urgent=true'], json: true });
    expect(JSON.parse(asStrings.stdout).queues).toEqual([]);
    const typed = await run({ exchange: 'pdf_router', header: ['count:int=5', 'urgent:bool=true', 'format=pdf'], json: true });
    expect(JSON.parse(typed.stdout).queues).toEqual(['audit', 'counted']);
  });

  it('defaults to the only vhost of the spec', async () => {
    const other = topology(
      vhostAsWritten({ exchanges: [exchange({ name: 'x', type: 'fanout' })], queues: [queue({ name: 'q' })], bindings: [bind('x', 'q')] }),
    );
    other.vhosts[0]!.name = 'prod';
    loaded.topology = other;
    expect(JSON.parse((await run({ exchange: 'x', json: true })).stdout).queues).toEqual(['q']);
    expect((await run({ exchange: 'x', vhost: '/' })).stderr).toBe('TopoError: vhost "/" is not declared in the spec (the spec declares "prod")');
    expect((await run({ exchange: 'x', vhost: 'prd' })).stderr).toBe('TopoError: vhost "prd" is not declared in the spec (did you mean "prod"?)');
  });

  it.each([
    [{ exchange: 'topic_log' }, 'exchange "topic_log" is not declared in vhost "/" (did you mean "topic_logs"?)'],
    [{ exchange: 'unrouted' }, 'exchange "unrouted" is internal: publishers cannot send to it directly, only other exchanges'],
    [{ exchange: 'pdf_router', header: ['n:int=x'] }, 'header "n": "x" is not a valid int'],
  ])('fails with one line for %j', async (options, message) => {
    const { stdout, stderr } = await run(options);
    expect(stdout).toBe('');
    expect(stderr).toBe(`TopoError: ${message}`);
  });
});
