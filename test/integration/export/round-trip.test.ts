/**
 * Export round trip on the real broker: definitions fixtures are imported into scratch vhosts,
 * exported with `topo export`, and planned back with `topo plan`, which must find nothing to
 * change and nothing unmanaged. Converting the same fixture with `--from-definitions` must
 * give exactly the YAML exported from the broker.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import amqp from 'amqplib';
import { afterAll, describe, expect, it } from 'vitest';
import { vhostFileNames } from '../../../src/export/vhost-file-names.js';
import { AMQP_URL, deleteVhost, enc, mgmt, scratchVhost, uniqueVhostName } from '../../support/broker.js';
import { tempDir, topo } from '../apply/support.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'definitions');
const fixture = (name: string) => join(FIXTURES, name);

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

async function workDir() {
  const dir = await tempDir();
  cleanups.push(dir.dispose);
  return dir;
}

async function importSingleVhost(file: string, label: string): Promise<string> {
  const vhost = await scratchVhost(label);
  cleanups.push(vhost.dispose);
  await mgmt('POST', `/definitions/${enc(vhost.name)}`, JSON.parse(await readFile(fixture(file), 'utf8')));
  return vhost.name;
}

interface JsonPlan {
  changes: { action: string; kind: string; name: string }[];
  summary: Record<string, number>;
}

/** `topo plan --json` of spec files; every change as `action kind name`. */
async function plannedChanges(...files: string[]): Promise<string[]> {
  const run = await topo(['plan', ...files, '--json']);
  // Warnings allowed: features.json has x-queue-mode, which RabbitMQ 3.12 and later ignore.
  expect(run.stderr.split('\n').filter((line) => line !== '' && !line.includes(': warning: '))).toEqual([]);
  expect(run.code).toBe(0);
  const plan = JSON.parse(run.stdout) as JsonPlan;
  return plan.changes.map((c) => `${c.action} ${c.kind} ${c.name}`);
}

async function exportTo(file: string, args: string[], broker = true): Promise<string> {
  const run = await topo(['export', ...args, '-o', file], { broker });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return readFile(file, 'utf8');
}

describe('topo export: round trip through the real broker', () => {
  it.each([
    ['features.json', 'export-features'],
    ['many-queues.json', 'export-many'],
  ])('exports %s so that plan finds nothing to change, and --from-definitions gives the same YAML', async (file, label) => {
    const vhost = await importSingleVhost(file, label);
    const dir = await workDir();
    const exported = await exportTo(join(dir.path, 'broker.yaml'), ['--vhost', vhost]);
    expect(await plannedChanges(join(dir.path, 'broker.yaml'))).toEqual([]);
    const converted = await exportTo(join(dir.path, 'file.yaml'), ['--from-definitions', fixture(file), '--vhost', vhost], false);
    expect(converted).toBe(withoutPermissions(exported));
  });

  it('writes the features idiomatically: types, shorthands, grouped keys, typed header values, policies', async () => {
    const vhost = await importSingleVhost('features.json', 'export-idioms');
    const dir = await workDir();
    const text = await exportTo(join(dir.path, 'out.yaml'), ['--vhost', vhost]);
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S*schemas\/topology\.schema\.json\nversion: 1\n/);
    for (const line of [
      `  ${vhost}:`,
      '      billing/payments:',
      '        type: quorum',
      '        arguments: { x-dead-letter-exchange: dlx %, x-dead-letter-routing-key: dead, x-delivery-limit: 5 }',
      '      history stream: { type: stream, arguments: { x-max-age: 7D } }',
      '      orders/eu: { type: topic, alternateExchange: "unrouted #1" }',
      '      transient.x: { type: direct, durable: false, autoDelete: true }',
      '      "1": {}',
      '      "yes": {}',
      '      - { source: orders/eu, destination: billing/payments, routingKeys: [ order.created, order.paid ] }',
      '      - { source: orders/eu, destination: pdf router, destinationType: exchange, routingKey: order.shipped }',
      '        destination: notify email',
      '        arguments: { color: true, format: pdf, pages: 3, x-match: all }',
      '      - { source: amq.topic, destination: audit%log, routingKey: audit.# }',
      '    operatorPolicies:',
      '      cap: { pattern: .*, applyTo: queues, definition: { max-length-bytes: 1073741824 } }',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
    expect(text).not.toContain('x-queue-type');
    expect(text).not.toMatch(/arguments: \{[^}]*alternate-exchange/);
  });

  it('leaves out exclusive and server-named queues that consumers declared', async () => {
    const vhost = await importSingleVhost('features.json', 'export-runtime');
    const connection = await amqp.connect(`${AMQP_URL}/${enc(vhost)}`);
    try {
      const channel = await connection.createChannel();
      const exclusive = await channel.assertQueue('dashboard-1', { exclusive: true });
      const serverNamed = await channel.assertQueue('', { exclusive: false, durable: false, autoDelete: true });
      await channel.bindQueue(exclusive.queue, 'orders/eu', 'order.#');
      await channel.bindQueue(serverNamed.queue, 'orders/eu', 'order.#');
      const dir = await workDir();
      const text = await exportTo(join(dir.path, 'out.yaml'), ['--vhost', vhost]);
      expect(serverNamed.queue).toMatch(/^amq\.gen-/);
      expect(text).not.toContain('dashboard-1');
      expect(text).not.toContain('amq.gen-');
      expect(await plannedChanges(join(dir.path, 'out.yaml'))).toEqual([]);
      // Both exist on the broker all along: leaving them out is export's choice.
      const queues = await mgmt<{ name: string }[]>('GET', `/queues/${enc(vhost)}?columns=name`);
      expect(queues.map((q) => q.name)).toEqual(expect.arrayContaining(['dashboard-1', serverNamed.queue]));
    } finally {
      await connection.close();
    }
  });

  it('exports a whole-broker definitions file, one file per vhost, with vhost metadata', async () => {
    const names = { 'tenant-a': uniqueVhostName('export-wb-a'), 'tenant b/ü': uniqueVhostName('export-wb b/ü') };
    for (const name of Object.values(names)) cleanups.push(() => deleteVhost(name));
    // The fixture's vhosts, renamed to scratch vhosts, imported whole.
    const text = (await readFile(fixture('whole-broker.json'), 'utf8'))
      .replaceAll('"tenant-a"', JSON.stringify(names['tenant-a']))
      .replaceAll('"tenant b/ü"', JSON.stringify(names['tenant b/ü']));
    const dir = await workDir();
    const definitions = await dir.file('whole-broker.json', text);
    await mgmt('POST', '/definitions', JSON.parse(text));

    const vhostFlags = Object.values(names).flatMap((n) => ['--vhost', n]);
    const run = await topo(['export', ...vhostFlags, '-o', join(dir.path, 'broker/')]);
    expect(run.code).toBe(0);
    const fileNames = vhostFileNames(Object.values(names));
    const files = Object.values(names).map((n) => join(dir.path, 'broker', fileNames.get(n)!));
    expect(run.stderr.trim().split('\n')).toHaveLength(2);
    expect(await plannedChanges(...files)).toEqual([]);
    const tenantA = await readFile(files[0]!, 'utf8');
    expect(tenantA).toContain('    description: "Tenant A: billing"\n    tags: [ billing, eu ]\n');

    const converted = await topo(['export', '--from-definitions', definitions, ...vhostFlags, '-o', join(dir.path, 'file/')], {
      broker: false,
    });
    expect(converted.code).toBe(0);
    for (const file of files) {
      expect(await readFile(file.replace('/broker/', '/file/'), 'utf8')).toBe(withoutPermissions(await readFile(file, 'utf8')));
    }
  });

  it('writes to standard output, and reports a vhost the broker lacks in one line', async () => {
    const vhost = await importSingleVhost('features.json', 'export-stdout');
    const out = await topo(['export', '--vhost', vhost]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^# yaml-language-server: \$schema=.*\nversion: 1\nvhosts:\n/);
    const missing = await topo(['export', '--vhost', 'no such vhost']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('topo: no vhost "no such vhost" on the broker\n');
    // A near miss of a vhost the broker has: the suggestion comes from the broker's list.
    // (The name ends in hex digits, so an "x" in place of the last one is one edit away.)
    const typo = await topo(['export', '--vhost', `${vhost.slice(0, -1)}x`]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain(`(did you mean ${JSON.stringify(vhost)}?) on the broker\n`);
  });
});

describe('topo export --from-definitions: bad files', () => {
  it('says in one line that a file is missing, not JSON, or not definitions', async () => {
    const dir = await workDir();
    const missing = await topo(['export', '--from-definitions', join(dir.path, 'nope.json')], { broker: false });
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toBe(`topo: cannot read ${join(dir.path, 'nope.json')}: no such file or directory\n`);
    const notJson = await topo(['export', '--from-definitions', await dir.file('bad.json', '{ "queues": [')], { broker: false });
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/^topo: \S+bad\.json is not JSON: [^\n]+\n$/);
    const notDefinitions = await topo(['export', '--from-definitions', await dir.file('list.json', '[1, 2]')], { broker: false });
    expect(notDefinitions.code).toBe(1);
    expect(notDefinitions.stderr).toMatch(/^topo: \S+list\.json is not a RabbitMQ definitions file [^\n]+\n$/);
  });

  it('names a single-vhost file after --vhost, else after the vhost its policies name, else /', async () => {
    const dir = await workDir();
    const file = await dir.file(
      'one.json',
      JSON.stringify({
        queues: [{ name: 'q', durable: true, auto_delete: false, arguments: {} }],
        policies: [{ vhost: 'where-it-came-from', name: 'p', pattern: '.', 'apply-to': 'queues', priority: 0, definition: { 'max-length': 1 } }],
      }),
    );
    const named = await topo(['export', '--from-definitions', file, '--vhost', 'chosen'], { broker: false });
    expect(named.stdout).toContain('\nvhosts:\n  chosen:\n    queues:\n      q: {}\n    policies:\n');
    const fromPolicies = await topo(['export', '--from-definitions', file], { broker: false });
    expect(fromPolicies.stdout).toContain('\nvhosts:\n  where-it-came-from:\n    queues:\n');
    const bare = await topo(['export', '--from-definitions', await dir.file('bare.json', '{"queues":[{"name":"q"}]}')], { broker: false });
    expect(bare.stdout).toContain('\nvhosts:\n  /:\n    queues:\n      q: {}\n');
  });
});

/**
 * A live export without its vhosts' `permissions:` sections: the broker also says who may use a
 * vhost (the test user, granted by the import or the scratch vhost), which the fixture files do
 * not hold, so the two exports differ there only.
 */
function withoutPermissions(text: string): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of text.split('\n')) {
    if (line === '    permissions:') skipping = true;
    else if (skipping && !line.startsWith('      ')) skipping = false;
    if (!skipping) out.push(line);
  }
  return out.join('\n');
}
