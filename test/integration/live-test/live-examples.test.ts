import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MGMT_URL } from '../../support/broker.js';
import { isScratchFor, topo, vhostNames, type TestsJson } from './support.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const files = ['', 'tutorials/'].flatMap((dir) =>
  readdirSync(EXAMPLES + dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `${dir}${f}`),
);

describe('topo test --live on the examples', () => {
  it('finds the example specs', () => {
    expect(files).toContain('order-events.yaml');
    expect(files.filter((f) => f.startsWith('tutorials/')).length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s: every test passes live, and live and offline reach the same queues', { timeout: 120_000 }, async (file) => {
    const path = EXAMPLES + file;
    const offline = await topo(['test', path, '--json'], { broker: false });
    expect(offline.code).toBe(0);
    const expected = JSON.parse(offline.stdout) as TestsJson;
    expect(expected.tests.length).toBeGreaterThan(0);
    const scratch = [...new Set(expected.tests.map((t) => t.vhost))].map(isScratchFor);
    const isOurs = (name: string) => scratch.some((match) => match(name));
    expect((await vhostNames()).filter(isOurs)).toEqual([]);

    const live = await topo(['test', path, '--live', '--json']);
    expect(live.stderr).toBe('');
    expect(live.code).toBe(0);
    const got = JSON.parse(live.stdout) as TestsJson;
    expect(got.summary).toEqual({ passed: expected.tests.length, failed: 0 });
    expect(got.tests.map((t) => [t.name, t.got])).toEqual(expected.tests.map((t) => [t.name, t.got]));

    expect((await vhostNames()).filter(isOurs)).toEqual([]);
  });

  it('prints the offline report under a header that says it ran live', { timeout: 120_000 }, async () => {
    const path = `${EXAMPLES}tutorials/topics.yaml`;
    const offline = await topo(['test', path], { broker: false });
    const live = await topo(['test', path, '--live']);
    expect(live.code).toBe(0);
    const [header, ...report] = live.stdout.split('\n');
    const expectedStart = `Live tests on ${MGMT_URL}:`;
    expect(header?.slice(0, expectedStart.length)).toBe(expectedStart);
    expect(report.join('\n')).toBe(offline.stdout);
  });
});
