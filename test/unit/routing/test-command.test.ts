import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoutingTest, Topology } from '../../../src/model/topology.js';
import { bufferIO } from '../../../src/cli/io.js';
import { bind, exchange, queue, routingTest, topology, vhostAsWritten } from '../../support/builders.js';

// The spec loader is another stage with its own tests; here it hands over plain data.
const loaded = vi.hoisted(() => ({ topology: undefined as Topology | undefined, calls: 0 }));
vi.mock('../../../src/cli/load-spec.js', () => ({
  loadSpecFromFlags: async () => {
    loaded.calls++;
    return loaded.topology;
  },
}));
const { testCommand } = await import('../../../src/cli/test.js');
const { main } = await import('../../../src/cli/main.js');

const withTests = (tests: RoutingTest[]): Topology => ({
  ...topology(
    vhostAsWritten({
      exchanges: [exchange({ name: 'logs', type: 'fanout' }), exchange({ name: 'direct_logs', type: 'direct' })],
      queues: [queue({ name: 'a' }), queue({ name: 'b' })],
      bindings: [bind('logs', 'a'), bind('logs', 'b'), bind('direct_logs', 'a', 'error')],
    }),
  ),
  tests,
});

const run = async (options: Partial<Parameters<typeof testCommand>[1]> = {}, env: NodeJS.ProcessEnv = {}) => {
  const io = bufferIO(env);
  const code = await testCommand(['spec.yaml'], { var: [], ...options }, io).catch((error: Error) => {
    io.err(`${error.name}: ${error.message}`);
    return -1;
  });
  return { code, stdout: io.stdout, stderr: io.stderr };
};

beforeEach(() => {
  loaded.calls = 0;
});

describe('testCommand', () => {
  const fanoutReachesBoth = routingTest({ name: 'fanout reaches both', exchange: 'logs', expect: ['a', 'b'] });
  const outcomes = [
    {
      proves: 'exits 0 when every test passes',
      tests: [fanoutReachesBoth, routingTest({ name: 'errors reach a', exchange: 'direct_logs', routingKey: 'error', expect: ['a'] })],
      code: 0,
      stdout: ['✓ fanout reaches both', '✓ errors reach a', '2 passed, 0 failed'],
    },
    {
      proves: 'exits 1 when a test fails, and says why',
      tests: [fanoutReachesBoth, routingTest({ name: 'info reaches b', exchange: 'direct_logs', routingKey: 'info', expect: ['b'] })],
      code: 1,
      stdout: [
        '✓ fanout reaches both',
        '✗ info reaches b',
        '    message:    exchange "direct_logs" in vhost "/", routing key "info"',
        '    expected:   b',
        '    got:        (none)',
        '    missing:    b',
        '    path:       no binding matched',
        '1 passed, 1 failed',
      ],
    },
  ];

  for (const outcome of outcomes) {
    it(outcome.proves, async () => {
      loaded.topology = withTests(outcome.tests);
      const { code, stdout } = await run();
      expect(code).toBe(outcome.code);
      expect(stdout).toBe(`${outcome.stdout.join('\n')}\n`);
    });
  }

  it('prints the results as JSON with --json, with the same exit code', async () => {
    loaded.topology = withTests([routingTest({ name: 'wrong', exchange: 'logs', expect: ['a'] })]);
    const { code, stdout } = await run({ json: true });
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.formatVersion).toBe(1);
    expect(json.summary).toEqual({ passed: 0, failed: 1 });
    expect(json.tests[0]).toMatchObject({ name: 'wrong', passed: false, expected: ['a'], got: ['a', 'b'], unexpected: ['b'] });
  });

  it('colours the marks on a terminal unless NO_COLOR is set', async () => {
    loaded.topology = withTests([routingTest({ name: 'ok', exchange: 'logs', expect: ['a', 'b'] })]);
    const io = bufferIO({});
    io.isTTY = true;
    await testCommand(['spec.yaml'], { var: [] }, io);
    expect(io.stdout).toContain('\u001b[32m✓\u001b[0m ok');
    const plain = bufferIO({ NO_COLOR: '1' });
    plain.isTTY = true;
    await testCommand(['spec.yaml'], { var: [] }, plain);
    expect(plain.stdout).toContain('✓ ok\n');
    expect(plain.stdout).not.toContain('\u001b[');
  });

  it('prints no colour with --no-color, even on a terminal', async () => {
    loaded.topology = withTests([routingTest({ name: 'ok', exchange: 'logs', expect: ['a', 'b'] })]);
    const io = bufferIO({});
    io.isTTY = true;
    await main(['node', 'topo', 'test', 'spec.yaml', '--no-color'], io);
    expect(io.stdout).toContain('✓ ok\n');
    expect(io.stdout).not.toContain('\u001b[');
  });
});
