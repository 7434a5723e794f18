/**
 * The round trip of a real broker's definitions: a definitions file (users, permissions, topic
 * permissions, limits, parameters, policies, queues, exchanges, bindings) exported with
 * `topo export --from-definitions`, applied, planned again (no change), and compared with a
 * definitions import (POST /api/definitions) of the same file into another vhost, with users of
 * their own (users are broker-wide).
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { enc, mgmt } from '../../support/broker.js';
import { stateOf, testScope } from '../apply/support.js';
import { removeUsersAfterAll, topoWith, userPrefix } from '../access/support.js';

const scope = testScope();
const prefix = userPrefix('roundtrip');
removeUsersAfterAll(prefix);
const unique = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const globalName = `topo-test-roundtrip-${unique}`;
afterAll(async () => {
  await mgmt('DELETE', `/global-parameters/${enc(globalName)}`, undefined, { expect: [204, 404] });
});

/** RabbitMQ's stored form of a password: base64(salt ‖ SHA-256(salt ‖ password)). */
function sha256Hash(password: string): string {
  const salt = randomBytes(4);
  return Buffer.concat([salt, createHash('sha256').update(Buffer.concat([salt, Buffer.from(password)])).digest()]).toString('base64');
}

/** A definitions file as `rabbitmqctl export_definitions` writes it, for one vhost and its users. */
function definitions(vhost: string, users: { app: string; ops: string }, hashes: { app: string; ops: string }) {
  const sha = 'rabbit_password_hashing_sha256';
  return {
    rabbit_version: '3.10.8',
    users: [
      { name: users.app, password_hash: hashes.app, hashing_algorithm: sha, tags: [], limits: { 'max-connections': 20 } },
      { name: users.ops, password_hash: hashes.ops, hashing_algorithm: sha, tags: ['monitoring'], limits: {} },
    ],
    vhosts: [{ name: vhost, description: 'orders', tags: ['prod'], metadata: { description: 'orders', tags: ['prod'] } }],
    permissions: [
      { user: users.app, vhost, configure: '^orders\\.', write: '^(orders\\.|events$)', read: '^orders\\.' },
      { user: users.ops, vhost, configure: '', write: '', read: '.*' },
    ],
    topic_permissions: [{ user: users.app, vhost, exchange: 'events', write: '^order\\.', read: '.*' }],
    parameters: [
      { vhost, component: 'vhost-limits', name: 'limits', value: { 'max-connections': 100, 'max-queues': 50 } },
      { vhost, component: 'federation-upstream', name: 'dc2', value: { uri: 'amqp://', 'max-hops': 1, exchange: 'events' } },
    ],
    global_parameters: [{ name: globalName, value: 'orders-cluster' }],
    policies: [{ vhost, name: 'ttl', pattern: '^orders\\.tmp', 'apply-to': 'queues', definition: { 'message-ttl': 60000 }, priority: 1 }],
    queues: [
      { name: 'orders.created', vhost, durable: true, auto_delete: false, arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': 5 } },
      { name: 'orders.audit', vhost, durable: true, auto_delete: false, arguments: { 'x-queue-type': 'classic', 'x-max-length': 1000 } },
    ],
    exchanges: [
      { name: 'events', vhost, type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {} },
      { name: 'dlx', vhost, type: 'fanout', durable: true, auto_delete: false, internal: false, arguments: {} },
    ],
    bindings: [
      { source: 'events', vhost, destination: 'orders.created', destination_type: 'queue', routing_key: 'order.created', arguments: {} },
      { source: 'events', vhost, destination: 'orders.audit', destination_type: 'queue', routing_key: 'order.#', arguments: {} },
      { source: 'events', vhost, destination: 'dlx', destination_type: 'exchange', routing_key: 'dead.#', arguments: {} },
    ],
  };
}

/** What a vhost holds besides its objects, with user names made comparable. */
async function settingsOf(vhost: string, users: { app: string; ops: string }) {
  const rename = (name: string) => (name === users.app ? 'app' : name === users.ops ? 'ops' : name);
  const permissions = await mgmt<{ user: string; configure: string; write: string; read: string }[]>('GET', `/vhosts/${enc(vhost)}/permissions`);
  const topics = await mgmt<{ user: string; exchange: string; write: string; read: string }[]>('GET', `/vhosts/${enc(vhost)}/topic-permissions`);
  const upstreams = await mgmt<{ name: string; value: unknown }[]>('GET', `/parameters/federation-upstream/${enc(vhost)}`);
  const meta = await mgmt<{ description: string; tags: string[] }>('GET', `/vhosts/${enc(vhost)}`);
  const userOf = async (name: string) => {
    const u = await mgmt<{ tags: string[] | string; hashing_algorithm: string }>('GET', `/users/${enc(name)}`);
    const limits = (await mgmt<{ value: Record<string, number> }[]>('GET', `/user-limits/${enc(name)}`))[0]?.value ?? {};
    return { tags: Array.isArray(u.tags) ? u.tags : u.tags.split(',').filter(Boolean), algorithm: u.hashing_algorithm, limits };
  };
  return {
    meta: { description: meta.description, tags: meta.tags },
    limits: (await mgmt<{ value: unknown }[]>('GET', `/vhost-limits/${enc(vhost)}`))[0]?.value,
    upstreams: upstreams.map((u) => [u.name, u.value]),
    permissions: permissions.filter((p) => p.user !== 'guest').map((p) => ({ ...p, user: rename(p.user), vhost: undefined })).sort((a, b) => a.user.localeCompare(b.user)),
    topicPermissions: topics.map((t) => ({ ...t, user: rename(t.user), vhost: undefined })),
    users: { app: await userOf(users.app), ops: await userOf(users.ops) },
  };
}

describe('a definitions file', () => {
  it('round-trips: export, apply, no change planned, and the broker equals a definitions import', { timeout: 180_000 }, async () => {
    const dir = await scope.files();
    const viaTopo = `topo-test-rt-topo-${unique}`;
    const viaImport = `topo-test-rt-import-${unique}`;
    for (const v of [viaTopo, viaImport]) scope.later(() => mgmt('DELETE', `/vhosts/${enc(v)}`, undefined, { expect: [204, 404] }).then(() => undefined));
    const topoUsers = { app: `${prefix}t-app`, ops: `${prefix}t-ops` };
    const importUsers = { app: `${prefix}i-app`, ops: `${prefix}i-ops` };
    const hashes = { app: sha256Hash('app-secret'), ops: sha256Hash('ops-secret') };

    const file = await dir.file('definitions.json', JSON.stringify(definitions(viaTopo, topoUsers, hashes)));
    const exported = await topoWith({}, ['export', '--from-definitions', file, '--include-password-hashes'], { broker: false });
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    // Only this run's users: the guest user and other tests' users are not ours to manage.
    const spec = await dir.file('spec.yaml', exported.stdout);
    const applied = await topoWith({}, ['apply', spec, '--yes']);
    expect(applied.errors).toBe('');
    expect(applied.code).toBe(0);
    const again = await topoWith({}, ['plan', spec, '--detailed-exitcode']);
    expect(again.stdout).toContain('No changes');
    expect(again.code).toBe(0);

    await mgmt('POST', '/definitions', definitions(viaImport, importUsers, hashes));
    expect(await stateOf(viaTopo)).toEqual(await stateOf(viaImport));
    expect(await settingsOf(viaTopo, topoUsers)).toEqual(await settingsOf(viaImport, importUsers));
    expect((await mgmt<{ value: unknown }>('GET', `/global-parameters/${enc(globalName)}`)).value).toBe('orders-cluster');
    // The same hashes: both users log in with the same passwords.
    const hashOf = async (name: string) => (await mgmt<{ password_hash: string }>('GET', `/users/${enc(name)}`)).password_hash;
    expect(await hashOf(topoUsers.app)).toBe(await hashOf(importUsers.app));
  });
});
