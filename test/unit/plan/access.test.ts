import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Permission, User } from '../../../src/model/access.js';
import { normalizeTopology } from '../../../src/model/normalized-topology.js';
import type { Topology, Vhost } from '../../../src/model/topology.js';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import { passwordVerdict } from '../../../src/plan/password-verdict.js';
import { planChanges } from '../../../src/plan/plan-changes.js';
import { exchange, vhost } from '../../support/builders.js';

/** RabbitMQ's stored form: base64(salt ‖ H(salt ‖ password)), rabbit_password.erl. */
function stored(password: string, hash: string, salt = Buffer.from([1, 2, 3, 4])): string {
  return Buffer.concat([salt, createHash(hash).update(salt).update(password, 'utf8').digest()]).toString('base64');
}

const secret = (ref: string) => ({ ref });
const secrets = (values: Record<string, string>) => (s: { ref: string }) => values[s.ref] ?? '';

function user(name: string, o: Partial<User> = {}): User {
  return { name, tags: [], credential: { type: 'none' }, limits: {}, ...o };
}

function permission(userName: string, o: Partial<Permission> = {}): Permission {
  return { vhost: '/', user: userName, configure: '.*', write: '.*', read: '.*', ...o };
}

function topo(users: User[] | undefined, v: Partial<Vhost> = {}): ReturnType<typeof normalizeTopology> {
  const t: Topology = { vhosts: [vhost(v)], tests: [], ...(users ? { users } : {}) };
  return normalizeTopology(t);
}

const OPTIONS = { prune: false, allowReplace: false, allowDataLoss: false };

describe('passwordVerdict', () => {
  const desired = { type: 'password', secret: secret('${env:P}') } as const;
  it.each(['sha256', 'sha512', 'md5'])('checks a %s hash with its stored salt', (hash) => {
    const actual = { type: 'hash', algorithm: `rabbit_password_hashing_${hash}`, hash: stored('s3cret', hash) } as const;
    expect(passwordVerdict(desired, actual, secrets({ '${env:P}': 's3cret' }))).toBe('same');
    expect(passwordVerdict(desired, actual, secrets({ '${env:P}': 's3cret!' }))).toBe('changed');
  });
  it('says which algorithm it cannot verify, and that a missing or empty hash differs', () => {
    expect(passwordVerdict(desired, { type: 'hash', algorithm: 'rabbit_password_hashing_bcrypt', hash: 'abcdefgh' }, secrets({}))).toEqual({
      unverifiable: 'rabbit_password_hashing_bcrypt',
    });
    expect(passwordVerdict(desired, { type: 'none' }, secrets({ '${env:P}': 'x' }))).toBe('changed');
    expect(passwordVerdict({ type: 'none' }, { type: 'none' }, undefined)).toBe('same');
    expect(passwordVerdict({ type: 'none' }, { type: 'hash', algorithm: 'rabbit_password_hashing_sha256', hash: stored('x', 'sha256') }, undefined)).toBe('changed');
  });
});

describe('diff and plan of users and permissions', () => {
  it('plans nothing about users or permissions the spec does not mention', () => {
    const actual = topo([user('someone')], { permissions: [permission('someone')] });
    expect(diffTopology(topo(undefined), actual)).toEqual([]);
  });

  it('says only that a password changed, and shows no hash', () => {
    const have = user('svc', { credential: { type: 'hash', algorithm: 'rabbit_password_hashing_sha256', hash: stored('old', 'sha256') } });
    const want = user('svc', { credential: { type: 'password', secret: secret('${env:P}') } });
    const [change, ...rest] = diffTopology(topo([want]), topo([have]), secrets({ '${env:P}': 'new' }));
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ action: 'update', kind: 'user', vhost: '', changed: [{ path: 'password', secret: true }] });
    expect(JSON.stringify(change)).not.toContain(stored('old', 'sha256'));
    expect(diffTopology(topo([want]), topo([have]), secrets({ '${env:P}': 'old' }))).toEqual([]);
  });

  it('creates a user before its permissions, and deletes only under --prune', () => {
    const desired = topo([user('svc')], { permissions: [permission('svc')] });
    const actual = topo([user('old')], { permissions: [permission('old')] });
    const plan = planChanges(diffTopology(desired, actual), { ...OPTIONS, prune: true }, { vhosts: ['/'], fingerprint: 'x', messages: new Map(), actingUser: 'guest' });
    expect(plan.changes.map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual(['delete user old', 'create user svc', 'delete permission old', 'create permission svc']);
    const put = plan.steps.find((s) => s.op === 'put-user')!;
    expect(plan.steps.find((s) => s.op === 'put-permission')?.dependsOn).toContain(put.id);
    expect(plan.guards.map((g) => g.flag)).toEqual(['--prune', '--prune']);
    expect(plan.lockouts).toEqual([]);
  });

  it('deletes a pruned user only after its permissions and topic permissions are cleared, never at the same time', () => {
    const topicPermission = { vhost: '/', user: 'old', exchanges: { 'amq.topic': { write: '.*', read: '.*' } } };
    const actual = topo([user('old'), user('other')], { permissions: [permission('old'), permission('other')], topicPermissions: [topicPermission] });
    const desired = topo([], { permissions: [], topicPermissions: [] });
    const plan = planChanges(diffTopology(desired, actual), { ...OPTIONS, prune: true }, { vhosts: ['/'], fingerprint: 'x', messages: new Map(), actingUser: 'guest' });
    const stepOf = (op: string, userName: string) =>
      plan.steps.find((s) => s.op === op && ('user' in s && typeof s.user === 'string' ? s.user : 'name' in s ? s.name : undefined) === userName)!;
    const deleteOld = stepOf('delete-user', 'old');
    expect(deleteOld.dependsOn).toEqual([stepOf('delete-permission', 'old').id, stepOf('delete-topic-permissions', 'old').id].sort((a, b) => a - b));
    expect(stepOf('delete-user', 'other').dependsOn).toEqual([stepOf('delete-permission', 'other').id]);
    expect(stepOf('delete-permission', 'old').dependsOn).toEqual([]);
  });

  it('refuses to delete, strip or demote the user topo is connected as', () => {
    const admin = user('guest', { tags: ['administrator'] });
    const demoted = topo([user('guest')], { permissions: [] });
    const actual = topo([admin], { permissions: [permission('guest')] });
    const plan = planChanges(diffTopology(demoted, actual), { ...OPTIONS, prune: true }, { vhosts: ['/'], fingerprint: 'x', messages: new Map(), actingUser: 'guest' });
    expect(plan.lockouts?.map((l) => l.reason)).toEqual([
      'user "guest" would lose the administrator tag, and it is the user topo is connected as ("guest")',
      'the permissions of user "guest" in vhost "/" would be removed, and it is the user topo is connected as ("guest")',
    ]);
    const gone = planChanges(diffTopology(topo([]), actual), { ...OPTIONS, prune: true }, { vhosts: ['/'], fingerprint: 'x', messages: new Map(), actingUser: 'guest' });
    expect(gone.lockouts?.map((l) => l.reason)).toEqual(['user "guest" would be deleted, and it is the user topo is connected as ("guest")']);
  });

  it('refuses to change the password of the user topo is connected as (the calls after it could not log in), not of another', () => {
    const have = (name: string) => user(name, { tags: ['administrator'], credential: { type: 'hash', algorithm: 'rabbit_password_hashing_sha256', hash: stored('old', 'sha256') } });
    const want = (name: string) => user(name, { tags: ['administrator'], credential: { type: 'password', secret: secret('${env:P}') } });
    const changes = diffTopology(topo([want('guest'), want('ops')]), topo([have('guest'), have('ops')]), secrets({ '${env:P}': 'new' }));
    const plan = planChanges(changes, OPTIONS, { vhosts: ['/'], fingerprint: 'x', messages: new Map(), actingUser: 'guest' });
    expect(plan.lockouts?.map((l) => l.reason)).toEqual([
      'the password of user "guest" would change, and it is the user topo is connected as ("guest"): connect as another administrator to change it',
    ]);
  });

  it('sets a topic permission after the exchange it names is declared (RabbitMQ 4.x refuses it before)', () => {
    const want = { vhost: '/', user: 'svc', exchanges: { events: { write: '.*', read: '.*' } } };
    const desired = topo(undefined, { exchanges: [exchange({ name: 'events', type: 'topic' })], topicPermissions: [want] });
    const plan = planChanges(diffTopology(desired, topo(undefined, { topicPermissions: [] })), OPTIONS, { vhosts: ['/'], fingerprint: 'x', messages: new Map() });
    const declared = plan.steps.find((s) => s.op === 'declare-exchange')!;
    expect(plan.steps.find((s) => s.op === 'put-topic-permissions')?.dependsOn).toEqual([declared.id]);
  });

  it('re-sets topic permissions from scratch only when an exchange is dropped', () => {
    const have = { vhost: '/', user: 'svc', exchanges: { a: { write: '.*', read: '.*' }, b: { write: '.*', read: '.*' } } };
    const want = { vhost: '/', user: 'svc', exchanges: { a: { write: '^x', read: '.*' } } };
    const plan = planChanges(diffTopology(topo(undefined, { topicPermissions: [want] }), topo(undefined, { topicPermissions: [have] })), OPTIONS, {
      vhosts: ['/'],
      fingerprint: 'x',
      messages: new Map(),
    });
    expect(plan.steps).toMatchObject([{ op: 'put-topic-permissions', clear: true }]);
  });
});
