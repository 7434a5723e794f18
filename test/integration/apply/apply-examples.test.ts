import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { bufferIO } from '../../../src/cli/io.js';
import { loadSpecFromFlags } from '../../../src/cli/load-spec.js';
import type { Vhost } from '../../../src/model/topology.js';
import { createVhost, deleteVhost, enc, mgmt, uniqueVhostName } from '../../support/broker.js';
import { importDefinitions, stateOf, tempDir, topo } from './support.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const exampleFiles = [
  ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')),
  ...readdirSync(`${EXAMPLES}tutorials`)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `tutorials/${f}`),
].sort();

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

/** The example's text with every vhost renamed to a fresh scratch name (tests follow). */
function withScratchVhosts(text: string, label: string): { text: string; renamed: Map<string, string> } {
  const doc = parseDocument(text);
  const renamed = new Map<string, string>();
  const vhosts = doc.get('vhosts') as { items: { key: { value: string } }[] } | undefined;
  for (const pair of vhosts?.items ?? []) {
    const name = uniqueVhostName(label);
    renamed.set(pair.key.value, name);
    pair.key.value = name;
  }
  const tests = doc.get('tests') as { items: { get(k: string): unknown; set(k: string, v: string): void }[] } | undefined;
  for (const test of tests?.items ?? []) {
    const vhost = test.get('vhost');
    if (typeof vhost === 'string' && renamed.has(vhost)) test.set('vhost', renamed.get(vhost) as string);
  }
  return { text: doc.toString(), renamed };
}

/**
 * What a definitions import of the vhost's managed objects gives: the runtime (exclusive)
 * queues and their bindings are the applications' to declare, so they are left out.
 */
async function importExpected(v: Vhost): Promise<string> {
  const name = uniqueVhostName('expected');
  cleanups.push(() => deleteVhost(name));
  await createVhost(name);
  await mgmt('PUT', `/vhosts/${enc(name)}`, { description: v.description ?? '', tags: v.tags ?? [] });
  const runtime = new Set(v.queues.filter((q) => q.exclusive).map((q) => q.name));
  await importDefinitions(name, {
    exchanges: v.exchanges.map((e) => ({
      name: e.name, type: e.type, durable: e.durable, auto_delete: e.autoDelete, internal: e.internal, arguments: e.arguments,
    })),
    queues: v.queues
      .filter((q) => !q.exclusive)
      .map((q) => ({
        name: q.name,
        durable: q.durable,
        auto_delete: q.autoDelete,
        arguments: { ...q.arguments, ...(q.type === 'classic' ? {} : { 'x-queue-type': q.type }) },
      })),
    bindings: v.bindings
      .filter((b) => !(b.destinationType === 'queue' && runtime.has(b.destination)))
      .map((b) => ({
        source: b.source, destination: b.destination, destination_type: b.destinationType, routing_key: b.routingKey, arguments: b.arguments,
      })),
    policies: v.policies.map((p) => ({ name: p.name, pattern: p.pattern, 'apply-to': p.applyTo, priority: p.priority, definition: p.definition })),
  });
  for (const p of v.operatorPolicies) {
    await mgmt('PUT', `/operator-policies/${enc(name)}/${enc(p.name)}`, {
      pattern: p.pattern, 'apply-to': p.applyTo, priority: p.priority, definition: p.definition,
    });
  }
  return name;
}

const vhostMeta = async (name: string) => {
  const v = await mgmt<{ description: string; tags: string[] }>('GET', `/vhosts/${enc(name)}`);
  return { description: v.description, tags: [...v.tags].sort() };
};

describe('topo apply of the examples', () => {
  it('finds the examples', () => {
    expect(exampleFiles).toContain('order-events.yaml');
    expect(exampleFiles.filter((f) => f.startsWith('tutorials/')).length).toBeGreaterThanOrEqual(6);
  });

  it.each(exampleFiles)('applies %s as a definitions import would, then plans nothing', { timeout: 60_000 }, async (file) => {
    const label = file.replace(/\W+/g, '-');
    const { text, renamed } = withScratchVhosts(readFileSync(`${EXAMPLES}${file}`, 'utf8'), label);
    for (const name of renamed.values()) cleanups.push(() => deleteVhost(name));
    const dir = await tempDir();
    cleanups.push(dir.dispose);
    const spec = await dir.file('example.yaml', text);

    const applied = await topo(['apply', spec, '--yes']);
    expect(applied.errors).toBe('');
    expect(applied.code).toBe(0);

    const desired = await loadSpecFromFlags([spec], { var: [] }, bufferIO());
    for (const v of desired.vhosts) {
      const expected = await importExpected(v);
      expect(await stateOf(v.name)).toEqual(await stateOf(expected));
      expect(await vhostMeta(v.name)).toEqual(await vhostMeta(expected));
    }

    const again = await topo(['apply', spec, '--yes']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');
    expect((await topo(['plan', spec, '--detailed-exitcode'])).code).toBe(0);
  });
});
