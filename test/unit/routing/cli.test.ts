/** `topo route` and `topo test` from the command line, with real spec files. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { loadTopology } from '../../../src/load/load-topology.js';
import { renderRouteText } from '../../../src/routing/render-route.js';
import { compileRoutes } from '../../../src/routing/route-table.js';
import { route } from '../../../src/routing/route.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const SPEC = fixture('routing.yaml');
const FAILING = fixture('failing-tests.yaml');

async function topo(...args: string[]) {
  const io = bufferIO();
  const code = await main(['node', 'topo', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('topo route', () => {
  it('prints the path and the queues, as the renderer draws them for the loaded spec', async () => {
    const { code, stdout, stderr } = await topo('route', SPEC, '-e', 'topic_logs', '-k', 'kern.critical');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const message = { exchange: 'topic_logs', routingKey: 'kern.critical', headers: {} };
    const table = compileRoutes(await loadTopology([SPEC]), '/');
    expect(stdout).toBe(renderRouteText('/', message, route(table, message)));
    // What the spec file says, not a default: its exchange-to-exchange binding is keyed "*.*".
    expect(stdout).toContain('  ├── key "*.*" → exchange logs\n');
  });

  it.each([
    [['-e', 'topic_logs', '-k', 'kern'], ['lost'], true],
    [['-e', '', '-k', 'hello'], ['hello'], false],
    [['-e', '', '-k', 'log-listener'], [], false],
    [['-e', 'pdf_router', '-H', 'priority:int=5', '-H', 'rush:bool=true'], ['urgent'], false],
    [['-e', 'pdf_router', '-H', 'priority=5', '-H', 'rush=true'], [], false],
    [['-e', 'amq.topic', '-k', 'a.b'], [], false],
  ])('--json %j reaches %j', async (args, queues, alternateExchangeUsed) => {
    const { code, stdout } = await topo('route', SPEC, ...args, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ formatVersion: 1, queues, alternateExchangeUsed });
  });

  it.each([
    [['-e', 'unrouted'], 'topo: exchange "unrouted" is internal: publishers cannot send to it directly, only other exchanges\n'],
    [['-e', 'pdf-router'], 'topo: exchange "pdf-router" is not declared in vhost "/" (did you mean "pdf_router"?)\n'],
    [['-e', 'logs', '--vhost', 'prod'], 'topo: vhost "prod" is not declared in the spec (the spec declares "/")\n'],
    [['-e', 'logs', '-H', 'n:bool=1'], 'topo: header "n": "1" is not a valid bool\n'],
  ])('%j exits 1 with one line', async (args, message) => {
    const { code, stdout, stderr } = await topo('route', SPEC, ...args);
    expect({ code, stdout, stderr }).toEqual({ code: 1, stdout: '', stderr: message });
  });
});

describe('topo test', () => {
  it('exits 0 when every test passes', async () => {
    const { code, stdout } = await topo('test', SPEC);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        '✓ critical kernel messages reach audit and the listeners',
        '✓ unmatched keys go to the alternate exchange',
        '✓ publish to "pdf_router" with headers {"format":"pdf"}',
        '✓ typed headers',
        '✓ hello by name',
        '5 passed, 0 failed',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 and explains a failure', async () => {
    const { code, stdout } = await topo('test', SPEC, FAILING);
    expect(code).toBe(1);
    expect(stdout).toContain(
      [
        `✗ strings are not numbers  (${FAILING}:4:5)`,
        '    message:    exchange "pdf_router" in vhost "/", routing key "", headers {"priority":"5","rush":true}',
        '    expected:   urgent',
        '    got:        (none)',
        '    missing:    urgent',
        '    path:       no binding matched',
        '5 passed, 1 failed',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON with --json', async () => {
    const { code, stdout } = await topo('test', SPEC, FAILING, '--json');
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.summary).toEqual({ passed: 5, failed: 1 });
    expect(json.tests.map((t: { passed: boolean }) => t.passed)).toEqual([true, true, true, true, true, false]);
  });
});
