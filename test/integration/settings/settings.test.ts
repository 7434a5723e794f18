/**
 * Broker settings as code on a real broker: vhost limits, shovels, federation upstreams and
 * global parameters created, updated in place, pruned only with --prune, exported; a spec that
 * does not mention a kind plans nothing about it; deletion protection on 4.1+ (a clear refusal
 * on older brokers). URIs carry a canary password that no output or file may show, in any form.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { enc, mgmt } from '../../support/broker.js';
import { leakedForms } from '../../support/password-forms.js';
import { q, testScope } from '../apply/support.js';
import { topoWith } from '../access/support.js';

const scope = testScope();
const unique = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
/** Global parameters are broker-wide: a name of this run's own, removed afterwards. */
const globalName = `topo-test-settings-${unique}`;
afterAll(async () => {
  await mgmt('DELETE', `/global-parameters/${enc(globalName)}`, undefined, { expect: [204, 404] });
});

const CANARY_USER = `canary-${unique}`;
const canary = { env: 'Sh0vel-Canary/pä ss:w@rd', file: 'Upstr3am-Canary+/=', changed: 'Sh0vel-Canary-2' };
/** A URI to a port nothing listens on: the shovel is stored, never connects. */
const uri = (password: string, vhost: string) => `amqp://${CANARY_USER}:${encodeURIComponent(password)}@127.0.0.1:1/${enc(vhost)}`;

interface Parameter {
  name: string;
  value: Record<string, unknown>;
}

async function parameters(component: string, vhost: string): Promise<Parameter[]> {
  const list = await mgmt<Parameter[]>('GET', `/parameters/${component}/${enc(vhost)}`);
  return list.sort((a, b) => a.name.localeCompare(b.name));
}

async function limits(vhost: string): Promise<Record<string, number>> {
  const list = await mgmt<{ value: Record<string, number> }[]>('GET', `/vhost-limits/${enc(vhost)}`);
  return list[0]?.value ?? {};
}

async function brokerVersion(): Promise<string> {
  return (await mgmt<{ rabbitmq_version: string }>('GET', '/overview')).rabbitmq_version;
}

describe('vhost limits, shovels, federation upstreams and global parameters', () => {
  it('are created, updated in place, pruned with the guard and exported, with no URI password in any output', { timeout: 180_000 }, async () => {
    const vhost = await scope.scratch('settings');
    const dir = await scope.files();
    const env: Record<string, string> = { SHOVEL_URI: uri(canary.env, vhost) };
    await writeFile(join(dir.path, 'upstream-uri.txt'), `${uri(canary.file, vhost)}\n`);
    const outputs: string[] = [];
    const run = async (args: string[], broker = true) => {
      const result = await topoWith(env, args, { broker });
      outputs.push(`$ topo ${args.join(' ')}\n${result.stdout}${result.stderr}`);
      return result;
    };
    const spec = (body: string, globals: string) =>
      dir.file('spec.yaml', `globalParameters:\n${globals}vhosts:\n  ${q(vhost)}:\n    queues: { a: {}, b: {}, c: {} }\n${body}`);

    const first = await spec(
      [
        '    limits: { max-connections: 10, max-queues: 20 }',
        '    shovels:',
        '      s1: { source: { uri: "${env:SHOVEL_URI}", queue: a }, destination: { uri: "amqp://", queue: b }, ackMode: on-confirm }',
        '      s2: { source: { uri: ["${env:SHOVEL_URI}", "amqp://"], queue: c }, destination: { uri: "amqp://", exchange: amq.direct, exchangeKey: k } }',
        '    federationUpstreams:',
        '      up1: { uri: "${file:upstream-uri.txt}", maxHops: 2, exchange: events }',
        '',
      ].join('\n'),
      `  ${q(globalName)}: { owner: topo-tests, n: 1 }\n`,
    );
    expect((await run(['validate', first], false)).code).toBe(0);
    const planned = await run(['plan', first]);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('+ shovel "s1"');
    expect(planned.stdout).toContain('+ federation upstream "up1"');
    expect(planned.stdout).toContain('+ vhost limit "max-queues" (value=20)');
    expect(planned.stdout).toContain(`+ global parameter ${q(globalName)}`);
    const planFile = join(dir.path, 'first.plan');
    expect((await run(['plan', first, '--out', planFile])).code).toBe(0);
    expect((await run(['apply', '--plan', planFile, '--yes'])).code).toBe(0);

    // The broker holds exactly what the spec says, URIs with their credentials (read again by apply).
    expect(await limits(vhost)).toEqual({ 'max-connections': 10, 'max-queues': 20 });
    expect(await parameters('shovel', vhost)).toMatchObject([
      { name: 's1', value: { 'src-uri': uri(canary.env, vhost), 'src-queue': 'a', 'dest-uri': 'amqp://', 'dest-queue': 'b', 'ack-mode': 'on-confirm' } },
      { name: 's2', value: { 'src-uri': [uri(canary.env, vhost), 'amqp://'], 'dest-exchange': 'amq.direct', 'dest-exchange-key': 'k' } },
    ]);
    expect(await parameters('federation-upstream', vhost)).toEqual([
      expect.objectContaining({ name: 'up1', value: { uri: uri(canary.file, vhost), 'max-hops': 2, exchange: 'events' } }),
    ]);
    expect((await mgmt<{ value: unknown }>('GET', `/global-parameters/${enc(globalName)}`)).value).toEqual({ owner: 'topo-tests', n: 1 });
    expect((await run(['plan', first, '--detailed-exitcode'])).code).toBe(0);

    // Updated in place; what the spec no longer lists is unmanaged until --prune.
    const second = await spec(
      [
        '    limits: { max-queues: 30 }',
        '    shovels:',
        '      s1: { source: { uri: "${env:SHOVEL_URI}", queue: a }, destination: { uri: "amqp://", queue: c }, ackMode: on-confirm }',
        '    federationUpstreams:',
        '      up1: { uri: "${file:upstream-uri.txt}", maxHops: 2, exchange: events }',
        '',
      ].join('\n'),
      `  ${q(globalName)}: { owner: topo-tests, n: 2 }\n`,
    );
    env.SHOVEL_URI = uri(canary.changed, vhost);
    const update = await run(['plan', second, '--detailed-exitcode']);
    expect(update.code).toBe(2);
    expect(update.stdout).toContain('~ shovel "s1"');
    expect(update.stdout).toContain('~ value.src-uri (changed)');
    expect(update.stdout).toContain('~ vhost limit "max-queues"');
    expect(update.stdout).toContain(`~ global parameter ${q(globalName)}`);
    expect(update.stdout).toContain('vhost limit "max-connections"');
    expect(update.stdout).toContain('shovel "s2"');
    expect(update.stdout).not.toContain('federation upstream "up1"');
    expect((await run(['plan', second, '--json'])).code).toBe(0);
    expect((await run(['plan', second, '--format', 'markdown'])).code).toBe(0);
    expect((await run(['apply', second, '--yes'])).code).toBe(0);
    expect(await limits(vhost)).toEqual({ 'max-connections': 10, 'max-queues': 30 });
    expect((await parameters('shovel', vhost)).map((p) => p.name)).toEqual(['s1', 's2']);
    expect((await parameters('shovel', vhost))[0]!.value).toMatchObject({ 'src-uri': uri(canary.changed, vhost), 'dest-queue': 'c' });
    const pruned = await run(['apply', second, '--prune', '--yes']);
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toContain('- shovel "s2"');
    expect(await limits(vhost)).toEqual({ 'max-queues': 30 });
    expect((await parameters('shovel', vhost)).map((p) => p.name)).toEqual(['s1']);
    expect((await run(['plan', second, '--prune', '--detailed-exitcode'])).code).toBe(0);

    // A spec that does not mention shovels, upstreams, limits or global parameters plans nothing about them.
    const silent = await dir.file('silent.yaml', `vhosts:\n  ${q(vhost)}:\n    queues: { a: {}, b: {}, c: {} }\n`);
    expect((await run(['plan', silent, '--prune', '--detailed-exitcode'])).code).toBe(0);

    // Export: every kind, the URIs with credentials as placeholders.
    const exported = await run(['export', '--vhost', vhost]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('limits: { max-queues: 30 }');
    expect(exported.stdout).toMatch(/source: \{ uri: "\$\{env:[A-Z0-9_]+_SHOVEL_S1_SOURCE_URI\}", queue: a \}/);
    expect(exported.stdout).toMatch(/up1: \{ uri: "\$\{env:[A-Z0-9_]+_FEDERATIONUPSTREAM_UP1_URI\}", exchange: events, maxHops: 2 \}/);
    // The export applies back to the same state once its placeholders are set.
    const back = await dir.file('exported.yaml', exported.stdout);
    const placeholders = Object.fromEntries([...exported.stdout.matchAll(/\$\{env:([A-Z0-9_]+)\}/g)].map((m) => [m[1]!, m[1]!.endsWith('_URI') && m[1]!.includes('SHOVEL') ? uri(canary.changed, vhost) : uri(canary.file, vhost)]));
    Object.assign(env, placeholders);
    expect((await run(['plan', back, '--prune', '--detailed-exitcode'])).code).toBe(0);

    const files = await Promise.all((await readdir(dir.path)).filter((f) => f !== 'upstream-uri.txt').map((f) => readFile(join(dir.path, f), 'utf8')));
    const all = [...outputs, ...files].join('\n');
    for (const password of [canary.env, canary.file, canary.changed]) expect(leakedForms(all, CANARY_USER, password)).toEqual([]);
  });

  it('exports a definitions file with what the format cannot say named on stderr', async () => {
    const dir = await scope.files();
    const definitions = {
      vhosts: [{ name: 'v' }],
      global_parameters: [{ name: 'cluster_name', value: 'prod-eu' }, { name: 'internal_cluster_id', value: 'x' }],
      parameters: [
        { vhost: 'v', component: 'vhost-limits', name: 'limits', value: { 'max-queues': 5 } },
        { vhost: 'v', component: 'shovel', name: 'old', value: { 'src-protocol': 'amqp10', 'src-uri': uri(canary.env, 'v'), 'src-address': 'a', 'dest-protocol': 'amqp10', 'dest-uri': 'amqp://', 'dest-address': 'b' } },
        { vhost: 'v', component: 'federation-upstream', name: 'up', value: { uri: uri(canary.env, 'v'), 'max-hops': 1 } },
      ],
    };
    const file = await dir.file('definitions.json', JSON.stringify(definitions));
    const result = await topoWith({}, ['export', '--from-definitions', file], { broker: false });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('globalParameters:\n  cluster_name: prod-eu\n');
    expect(result.stdout).not.toContain('internal_cluster_id');
    expect(result.stdout).toContain('limits: { max-queues: 5 }');
    expect(result.stdout).toContain('up: { uri: "${env:V_FEDERATIONUPSTREAM_UP_URI}", maxHops: 1 }');
    expect(result.stderr).toBe('not exported: 1 shovel using amqp10\n');
    expect(leakedForms(result.stdout + result.stderr, CANARY_USER, canary.env)).toEqual([]);
  });

  it('protects a vhost from deletion where the broker can (4.1+), and says why not elsewhere', { timeout: 60_000 }, async () => {
    const vhost = await scope.scratch('protected');
    const dir = await scope.files();
    const protect = (on: boolean) => dir.file('spec.yaml', `vhosts:\n  ${q(vhost)}:\n    protectedFromDeletion: ${on}\n`);
    const version = await brokerVersion();
    if (!/^(4\.([1-9]|\d\d)|[5-9])/.test(version)) {
      const refused = await topoWith({}, ['plan', await protect(true)]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('protectedFromDeletion needs RabbitMQ 4.1 or later');
      return;
    }
    expect((await topoWith({}, ['apply', await protect(true), '--yes'])).code).toBe(0);
    // Until the end of the test, whatever happens: a protected vhost cannot be cleaned up.
    scope.later(() => mgmt('DELETE', `/vhosts/${enc(vhost)}/deletion/protection`, undefined, { expect: [204, 404] }).then(() => undefined));
    expect((await topoWith({}, ['plan', await protect(true), '--detailed-exitcode'])).code).toBe(0);
    await expect(mgmt('DELETE', `/vhosts/${enc(vhost)}`)).rejects.toThrow();
    expect((await topoWith({}, ['export', '--vhost', vhost])).stdout).toContain('protectedFromDeletion: true');
    const lifted = await topoWith({}, ['apply', await protect(false), '--yes']);
    expect(lifted.code).toBe(0);
    expect(lifted.stdout).toContain('protectedFromDeletion: true → false');
  });
});
