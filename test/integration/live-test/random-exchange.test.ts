/**
 * An exchange that picks one queue at random (x-local-random, RabbitMQ 4.0): the routing tests
 * say which queues it picks among, offline and live, and a spec with one applies and plans
 * clean. Runs where the broker has the type.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { isAtLeast, parseBrokerVersion } from '../../../src/compat/broker-version.js';
import { deleteVhost, mgmt, uniqueVhostName } from '../../support/broker.js';
import { q, tempDir, topo as topoApply } from '../apply/support.js';
import { isScratchFor, topo, vhostNames, type TestsJson } from './support.js';

const version = parseBrokerVersion((await mgmt<{ rabbitmq_version: string }>('GET', '/overview')).rabbitmq_version)!;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

/** A vhost where `events` fans out to `audit` and to `pick`, which picks `a` or `b`. */
const spec = (vhost: string, tests: string) => `vhosts:
  ${q(vhost)}:
    exchanges:
      events: { type: fanout }
      pick: { type: x-local-random }
    queues: { audit: {}, a: {}, b: {}, c: {} }
    bindings:
      - { source: events, destination: audit }
      - { source: events, destination: pick, destinationType: exchange }
      - { source: pick, destination: a }
      - { source: pick, destination: b }
tests:
${tests}`;

describe.runIf(isAtLeast(version, '4.0'))('an x-local-random exchange', () => {
  it('is tested live as offline: the expected queues, and one of the queues it picks among', { timeout: 60_000 }, async () => {
    const vhost = uniqueVhostName('random-live');
    cleanups.push(async () => {
      for (const name of (await vhostNames()).filter(isScratchFor(vhost))) await deleteVhost(name);
    });
    const dir = await tempDir();
    cleanups.push(dir.dispose);
    const file = await dir.file(
      'random.yaml',
      spec(
        vhost,
        `  - { name: right, exchange: events, expect: [audit, { oneOf: [a, b] }] }
  - { name: wrong group, exchange: events, expect: [audit, { oneOf: [a, c] }] }
  - { name: no group, exchange: events, expect: [audit, a, b] }
`,
      ),
    );
    const offline = JSON.parse((await topo(['test', file, '--json'], { broker: false })).stdout) as TestsJson;
    const live = await topo(['test', file, '--live', '--json']);
    expect(live.stderr).toBe('');
    const got = JSON.parse(live.stdout) as TestsJson & { tests: { got: string[] }[] };
    expect(got.tests.map((t) => [t.name, t.passed])).toEqual([
      ['right', true],
      ['wrong group', false],
      ['no group', false],
    ]);
    expect(got.tests.map((t) => t.passed)).toEqual(offline.tests.map((t) => t.passed));
    // The message really went to audit and to exactly one of a and b.
    for (const t of got.tests) {
      expect(t.got).toContain('audit');
      expect(t.got.filter((name) => name === 'a' || name === 'b')).toHaveLength(1);
      expect(t.got).toHaveLength(2);
    }
    expect((await vhostNames()).filter(isScratchFor(vhost))).toEqual([]);
  });

  it('applies, and then plans nothing', async () => {
    const vhost = uniqueVhostName('random-apply');
    cleanups.push(() => deleteVhost(vhost));
    const dir = await tempDir();
    cleanups.push(dir.dispose);
    const file = await dir.file('random.yaml', spec(vhost, '  - { exchange: events, expect: [audit, { oneOf: [a, b] }] }\n'));
    const applied = await topoApply(['apply', file, '--yes']);
    expect(applied.errors).toBe('');
    expect(applied.code).toBe(0);
    expect((await topoApply(['plan', file, '--detailed-exitcode'])).code).toBe(0);
  });
});
