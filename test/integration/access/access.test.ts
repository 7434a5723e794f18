/**
 * Users, permissions and topic permissions on the real broker: created, updated in place,
 * password drift found and fixed, pruned only with the guards, exported. Users are
 * broker-wide and other tests share the broker: every user here is uniquely named and removed
 * afterwards, and no prune is ever applied where it could touch anyone else's user.
 */
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { enc, mgmt } from '../../support/broker.js';
import { q, testScope } from '../apply/support.js';
import { brokerUser, logsIn, removeUsersAfterAll, topoWith, userPrefix } from './support.js';

const prefix = userPrefix('access');
removeUsersAfterAll(prefix);
const scope = testScope();
const svc = `${prefix}svc`;
const ops = `${prefix}ops`;
const cert = `${prefix}cert`;

function spec(vhost: string, o: { svcTags: string; svcLimits: string; svcRead: string; topics: string }): string {
  return `users:
  ${q(svc)}:
    tags: ${o.svcTags}
    password: \${env:SVC_PASSWORD}
    limits: ${o.svcLimits}
  ${q(ops)}:
    tags: [monitoring]
    password: \${file:ops-password.txt}
  ${q(cert)}: {}
vhosts:
  ${q(vhost)}:
    exchanges:
      events: { type: topic }
    permissions:
      ${q(svc)}: { configure: "^orders\\\\.", write: "^orders\\\\.", read: ${q(o.svcRead)} }
      ${q(ops)}: { configure: "", write: "", read: ".*" }
      guest: { configure: ".*", write: ".*", read: ".*" }
    topicPermissions:
      ${q(svc)}: ${o.topics}
`;
}

describe('users and permissions', () => {
  it('are created, then plan nothing; updated in place; password drift is found and fixed', async () => {
    const vhost = await scope.scratch('access');
    const dir = await scope.files();
    await dir.file('ops-password.txt', 'ops-secret-1\n');
    const env = { SVC_PASSWORD: 'svc-secret-1' };
    const first = { svcTags: '[management]', svcLimits: '{ max-connections: 5 }', svcRead: '^orders\\.', topics: '{ amq.topic: { write: "^order\\\\.", read: ".*" }, events: { write: ".*", read: ".*" } }' };
    const file = await dir.file('access.yaml', spec(vhost, first));

    const applied = await topoWith(env, ['apply', file, '--yes']);
    expect(applied.errors).toBe('');
    expect(applied.code).toBe(0);
    expect(await topoWith(env, ['plan', file, '--detailed-exitcode'])).toMatchObject({ code: 0 });

    const user = await brokerUser(svc);
    expect(user?.tags).toEqual(['management']);
    expect(user?.limits).toEqual({ 'max-connections': 5 });
    expect((await brokerUser(cert))?.password_hash).toBe('');
    expect(await logsIn(svc, 'svc-secret-1')).toBe(true);
    const permissions = await mgmt<{ user: string; read: string }[]>('GET', `/vhosts/${enc(vhost)}/permissions`);
    expect(permissions.find((p) => p.user === svc)?.read).toBe('^orders\\.');
    const topics = await mgmt<{ user: string; exchange: string }[]>('GET', `/vhosts/${enc(vhost)}/topic-permissions`);
    expect(topics.filter((t) => t.user === svc).map((t) => t.exchange).sort()).toEqual(['amq.topic', 'events']);

    // In place: tags, limits, a permission, a topic permission gone; the password stays.
    const second = { svcTags: '[management, policymaker]', svcLimits: '{ max-channels: 10 }', svcRead: '.*', topics: '{ amq.topic: { write: "^order\\\\.", read: ".*" } }' };
    await dir.file('access.yaml', spec(vhost, second));
    const planned = await topoWith(env, ['plan', file, '--json']);
    const changes = (JSON.parse(planned.stdout) as { changes: { action: string; kind: string; name: string }[] }).changes;
    expect(changes.filter((c) => c.action !== 'unmanaged').map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual([
      `update user ${svc}`,
      `update permission ${svc}`,
      `update topicPermission ${svc}`,
    ]);
    expect((await topoWith(env, ['apply', file, '--yes'])).code).toBe(0);
    expect(await topoWith(env, ['plan', file, '--detailed-exitcode'])).toMatchObject({ code: 0 });
    expect((await brokerUser(svc))?.limits).toEqual({ 'max-channels': 10 });
    expect(await logsIn(svc, 'svc-secret-1')).toBe(true);

    // Drift: someone changes the password on the broker; and the secret file changes too.
    await mgmt('PUT', `/users/${enc(svc)}`, { password: 'changed-by-hand', tags: 'management,policymaker' });
    await dir.file('ops-password.txt', 'ops-secret-2\n');
    const drift = await topoWith(env, ['plan', file, '--detailed-exitcode']);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain(`~ user ${q(svc)}\n      ~ password (changed)\n`);
    expect(drift.stdout).toContain(`~ user ${q(ops)}\n      ~ password (changed)\n`);
    expect((await topoWith(env, ['apply', file, '--yes'])).code).toBe(0);
    expect(await logsIn(svc, 'svc-secret-1')).toBe(true);
    expect(await topoWith(env, ['plan', file, '--detailed-exitcode'])).toMatchObject({ code: 0 });
  });

  it('plans nothing about users or permissions when the spec does not mention them', async () => {
    const vhost = await scope.scratch('access-none');
    const dir = await scope.files();
    const file = await dir.file('plain.yaml', `vhosts:\n  ${q(vhost)}:\n    queues: { q: {} }\n`);
    const planned = JSON.parse((await topoWith({}, ['plan', file, '--json'])).stdout) as { changes: { kind: string }[]; scope?: unknown };
    expect(planned.changes.map((c) => c.kind)).toEqual(['queue']);
    expect(planned.scope).toBeUndefined();
  });

  it('prunes only with --prune, and never what would lock topo out (exit 3, nothing changed)', async () => {
    const vhost = await scope.scratch('access-prune');
    const dir = await scope.files();
    const extra = `${prefix}extra`;
    await mgmt('PUT', `/users/${enc(extra)}`, { password_hash: '', tags: '' });
    await mgmt('PUT', `/permissions/${enc(vhost)}/${enc(extra)}`, { configure: '', write: '', read: '.*' });
    const env = { SVC_PASSWORD: 'svc-secret-1' };
    await dir.file('ops-password.txt', 'ops\n');
    const file = await dir.file('users.yaml', `users:\n  ${q(svc)}: { password: "\${env:SVC_PASSWORD}" }\nvhosts:\n  ${q(vhost)}:\n    permissions: {}\n`);

    // Planned only: a prune of users on a shared broker would delete other tests' users.
    type Planned = { changes: { action: string; kind: string; name: string }[]; lockouts: { reason: string }[] };
    const unpruned = JSON.parse((await topoWith(env, ['plan', file, '--json'])).stdout) as Planned;
    expect(unpruned.changes.filter((c) => c.name === extra).map((c) => `${c.action} ${c.kind}`)).toEqual(['unmanaged user', 'unmanaged permission']);
    const pruned = JSON.parse((await topoWith(env, ['plan', file, '--json', '--prune'])).stdout) as Planned;
    expect(pruned.changes.filter((c) => c.name === extra).map((c) => `${c.action} ${c.kind}`)).toEqual(['delete user', 'delete permission']);
    expect(pruned.lockouts.map((l) => l.reason)).toContain('user "guest" would be deleted, and it is the user topo is connected as ("guest")');

    // Applied where only this vhost's permissions are at stake: guest's own is refused.
    const permsOnly = await dir.file('perms.yaml', `vhosts:\n  ${q(vhost)}:\n    permissions: {}\n`);
    const refused = await topoWith(env, ['apply', permsOnly, '--yes', '--prune']);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain('the permissions of user "guest" in vhost');
    expect(refused.errors).toContain('would lock topo out of the broker');
    const left = await mgmt<{ user: string }[]>('GET', `/vhosts/${enc(vhost)}/permissions`);
    expect(left.map((p) => p.user).sort()).toEqual(['guest', extra].sort());

    // With guest kept, the prune goes through: the other user's permissions go.
    await dir.file('perms.yaml', `vhosts:\n  ${q(vhost)}:\n    permissions:\n      guest: { configure: ".*", write: ".*", read: ".*" }\n`);
    expect((await topoWith(env, ['apply', permsOnly, '--yes', '--prune'])).code).toBe(0);
    expect((await mgmt<{ user: string }[]>('GET', `/vhosts/${enc(vhost)}/permissions`)).map((p) => p.user)).toEqual(['guest']);
  });

  it('refuses at plan time to strip the administrator tag of the user it is connected as', async () => {
    const dir = await scope.files();
    const file = await dir.file('guest.yaml', 'users:\n  guest: { tags: [], password: "${env:GUEST_PASSWORD}" }\n');
    const planned = await topoWith({ GUEST_PASSWORD: 'guest' }, ['plan', file, '--json']);
    const plan = JSON.parse(planned.stdout) as { lockouts: { reason: string }[] };
    expect(plan.lockouts.map((l) => l.reason)).toEqual(['user "guest" would lose the administrator tag, and it is the user topo is connected as ("guest")']);
  });

  it('exports users with password placeholders (or hashes), and permissions', { timeout: 120_000 }, async () => {
    const vhost = await scope.scratch('access-export');
    const name = `${prefix}exported`;
    await mgmt('PUT', `/users/${enc(name)}`, { password: 'export-secret', tags: 'monitoring' });
    await mgmt('PUT', `/user-limits/${enc(name)}/max-connections`, { value: 3 });
    await mgmt('PUT', `/permissions/${enc(vhost)}/${enc(name)}`, { configure: '^x$', write: '', read: '.*' });
    await mgmt('PUT', `/topic-permissions/${enc(vhost)}/${enc(name)}`, { exchange: 'amq.topic', write: '^a', read: '^b' });
    const placeholder = `\${env:RABBITMQ_PASSWORD_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}}`;

    const whole = await topoWith({}, ['export']);
    expect(whole.code).toBe(0);
    const exported = load(whole.stdout) as { users: Record<string, unknown> };
    expect(exported.users[name]).toEqual({ tags: ['monitoring'], password: placeholder, limits: { 'max-connections': 3 } });
    // A definitions file of the same broker: the hash with --include-password-hashes.
    const definitions = await scope.files();
    const hash = (await brokerUser(name))?.password_hash;
    const defs = await definitions.file('defs.json', JSON.stringify({
      users: [{ name, password_hash: hash, hashing_algorithm: 'rabbit_password_hashing_sha256', tags: ['monitoring'], limits: { 'max-connections': 3 } }],
      vhosts: [{ name: vhost }],
      permissions: [{ user: name, vhost, configure: '^x$', write: '', read: '.*' }],
      topic_permissions: [{ user: name, vhost, exchange: 'amq.topic', write: '^a', read: '^b' }],
    }));
    const fromFile = load((await topoWith({}, ['export', '--from-definitions', defs, '--include-password-hashes'], { broker: false })).stdout) as typeof exported & { vhosts: Record<string, unknown> };
    expect(fromFile.users[name]).toEqual({ tags: ['monitoring'], passwordHash: hash, limits: { 'max-connections': 3 } });
    expect(fromFile.vhosts[vhost]).toEqual({ permissions: { [name]: { configure: '^x$', write: '', read: '.*' } }, topicPermissions: { [name]: { 'amq.topic': { write: '^a', read: '^b' } } } });

    const one = await topoWith({}, ['export', '--vhost', vhost]);
    const vhostOnly = load(one.stdout) as { users?: unknown; vhosts: Record<string, { permissions: unknown; topicPermissions: unknown }> };
    expect(vhostOnly.users).toBeUndefined();
    expect((vhostOnly.vhosts[vhost]?.permissions as Record<string, unknown>)[name]).toEqual({ configure: '^x$', write: '', read: '.*' });
    expect(vhostOnly.vhosts[vhost]?.topicPermissions).toEqual({ [name]: { 'amq.topic': { write: '^a', read: '^b' } } });

    // Exported back as a spec, the user and its permissions plan nothing (its password from the placeholder).
    const dir = await scope.files();
    const spec = { users: { [name]: exported.users[name] }, vhosts: { [vhost]: { permissions: vhostOnly.vhosts[vhost]?.permissions, topicPermissions: vhostOnly.vhosts[vhost]?.topicPermissions } } };
    const file = await dir.file('export.json.yaml', JSON.stringify(spec));
    const env = { [placeholder.slice(6, -1)]: 'export-secret' };
    const planned = await topoWith(env, ['plan', file, '--json']);
    const changes = (JSON.parse(planned.stdout) as { changes: { action: string; name: string }[] }).changes;
    expect(changes.filter((c) => c.action !== 'unmanaged')).toEqual([]);
  });
});
