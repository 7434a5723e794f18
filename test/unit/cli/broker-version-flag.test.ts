import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { tempTree } from '../load/spec-helpers.js';

const SPEC = `vhosts:
  /:
    exchanges: { events: { type: topic } }
    queues: { all: {} }
    bindings:
      - { source: events, destination: all, routingKey: "#.#.#" }
`;

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string; dir: string }> {
  const dir = await tempTree({ 'spec.yaml': SPEC });
  const io = bufferIO({});
  const code = await main(['node', 'topo', ...args.map((a) => a.replace('SPEC', `${dir}/spec.yaml`))], io);
  return { code, stdout: io.stdout.replaceAll(`${dir}/`, ''), stderr: io.stderr, dir };
}

describe('topo validate --broker-version', () => {
  it('reports what that version refuses, and exits 1', async () => {
    const { code, stdout } = await run('validate', 'SPEC', '--broker-version', '4.3.6');
    expect(code).toBe(1);
    expect(stdout).toBe(
      'spec.yaml:6:9: binding "events" -> "all": routing key "#.#.#" has 3 "#" wildcards; RabbitMQ 4.3.5 and later allow at most 2 in a topic binding key\n' +
        'invalid: 1 error, 0 warnings\n',
    );
  });

  it('finds the same spec valid for a version that accepts it', async () => {
    expect((await run('validate', 'SPEC', '--broker-version', '3.10.8')).code).toBe(0);
    expect((await run('validate', 'SPEC')).code).toBe(0);
  });

  it('checks `topo test` offline too', async () => {
    const { code, stderr } = await run('test', 'SPEC', '--broker-version', '4.3');
    expect(code).toBe(1);
    expect(stderr).toContain('has 3 "#" wildcards');
  });

  it('refuses a value that is no version, in one line', async () => {
    const { code, stderr } = await run('validate', 'SPEC', '--broker-version', 'latest');
    expect(code).toBe(1);
    expect(stderr).toBe('topo: --broker-version: "latest" is not a RabbitMQ version (such as 4.3 or 3.10.8)\n');
  });
});
