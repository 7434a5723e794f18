import { afterAll, describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { deleteVhost, enc, mgmt, uniqueVhostName } from '../../support/broker.js';
import { tempDir, vhostSpec } from '../apply/support.js';
import { BROKER_FLAGS, isScratchFor, topo, vhostNames } from './support.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

/**
 * The spec file of a new vhost named for `label`, with `body` (see `vhostSpec`); deletes, after
 * the file, any scratch vhost a failed assertion may have left for it.
 */
async function newVhostSpec(label: string, body: string): Promise<{ vhost: string; spec: string }> {
  const vhost = uniqueVhostName(label);
  cleanups.push(async () => {
    for (const name of (await vhostNames()).filter(isScratchFor(vhost))) await deleteVhost(name);
  });
  const dir = await tempDir();
  cleanups.push(dir.dispose);
  return { vhost, spec: await dir.file(`${label}.yaml`, vhostSpec(vhost, body)) };
}

describe('topo test --live when something fails', () => {
  it('fails with exit 1 and the expected-vs-got report when an expectation is wrong', { timeout: 60_000 }, async () => {
    const { vhost, spec } = await newVhostSpec(
      'live-wrong',
      `    exchanges:
      logs: { type: direct }
    queues:
      errors: {}
      everything: {}
    bindings:
      - { source: logs, destination: errors, routingKey: error }
      - { source: logs, destination: everything, routingKeys: [error, info] }
tests:
  - { name: errors reach both, exchange: logs, routingKey: error, expect: [errors, everything] }
  - { name: info reaches errors too, exchange: logs, routingKey: info, expect: [errors] }
`,
    );
    const offline = await topo(['test', spec], { broker: false });
    expect(offline.code).toBe(1);
    expect((await vhostNames()).filter(isScratchFor(vhost))).toEqual([]);

    const live = await topo(['test', spec, '--live']);
    expect(live.stderr).toBe('');
    expect(live.code).toBe(1);
    const [header, ...report] = live.stdout.split('\n');
    expect(header).toMatch(/^Live tests on /);
    // The same report as offline, less the path, which only the simulator knows.
    const offlineLines = offline.stdout.split('\n');
    expect(offlineLines.some((line) => line.startsWith('    path:'))).toBe(true);
    expect(report).toEqual(offlineLines.filter((line) => !line.startsWith('    path:') && !line.startsWith('      ')));
    expect(report).toEqual([
      '✓ errors reach both',
      `✗ info reaches errors too  (${spec}:14:5)`,
      `    message:    exchange "logs" in vhost "${vhost}", routing key "info"`,
      '    expected:   errors',
      '    got:        everything',
      '    missing:    errors',
      '    unexpected: everything',
      '1 passed, 1 failed',
      '',
    ]);

    expect((await vhostNames()).filter(isScratchFor(vhost))).toEqual([]);
    await mgmt('GET', `/vhosts/${enc(vhost)}`, undefined, { expect: [404] });
  });

  it('removes the scratch vhost when the broker refuses to build it', { timeout: 60_000 }, async () => {
    const { vhost, spec } = await newVhostSpec(
      'live-refused-build',
      `    exchanges:
      ring: { type: x-consistent-hash }
    queues:
      q: {}
    bindings:
      - { source: ring, destination: q, routingKey: "1" }
tests:
  - { exchange: amq.direct, routingKey: q, expect: [] }
`,
    );
    const live = await topo(['test', spec, '--live']);
    expect(live.code).toBe(1);
    expect(live.stderr).toMatch(
      new RegExp(`^topo: cannot build vhost "${vhost}" in scratch vhost "topo-live-[^"]+": declare exchange "ring" .* failed: .+\\n$`),
    );
    expect((await vhostNames()).filter(isScratchFor(vhost))).toEqual([]);
    await mgmt('GET', `/vhosts/${enc(vhost)}`, undefined, { expect: [404] });
  });

  it('removes the scratch vhost when interrupted with Ctrl-C', { timeout: 180_000 }, async () => {
    const queues = 1500;
    const lines = ['    exchanges:', '      x: { type: direct }', '    queues:'];
    for (let i = 0; i < queues; i++) lines.push(`      q${i}: {}`);
    lines.push('    bindings:');
    for (let i = 0; i < queues; i++) lines.push(`      - { source: x, destination: q${i}, routingKey: k${i} }`);
    lines.push('tests:', '  - { exchange: x, routingKey: k1, expect: [q1] }');
    const { vhost, spec } = await newVhostSpec('live-interrupted', `${lines.join('\n')}\n`);

    const io = bufferIO({});
    const run = main(['node', 'topo', 'test', spec, '--live', ...BROKER_FLAGS], io);
    // Interrupt once the scratch copy is being built: some of its queues exist.
    let scratch = '';
    await expect
      .poll(
        async () => {
          scratch = (await vhostNames()).find(isScratchFor(vhost)) ?? '';
          if (scratch === '') return 0;
          return (await mgmt<unknown[]>('GET', `/queues/${enc(scratch)}?disable_stats=true&columns=name`).catch(() => [])).length;
        },
        { timeout: 120_000, interval: 50 },
      )
      .toBeGreaterThanOrEqual(50);
    process.emit('SIGINT');
    const code = await run;

    expect(code).toBe(1);
    expect(io.stderr).toContain('Interrupted: removing the scratch vhost');
    expect(io.stderr).toContain('topo: interrupted: no test result; the scratch vhosts were removed\n');
    expect(await vhostNames()).not.toContain(scratch);
    expect(process.listenerCount('SIGINT')).toBe(0);
    await mgmt('GET', `/vhosts/${enc(vhost)}`, undefined, { expect: [404] });
  });
});
