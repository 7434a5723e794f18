/**
 * `apply --prune` of broker-wide objects (users, global parameters) and of permissions, applied
 * for real. On the shared brokers a prune of users would delete the users of every test running
 * beside it, so it runs here, on the throwaway node of this tier, which no one else uses.
 */
import { describe, expect, it } from 'vitest';
import { enc, mgmt } from '../support/broker.js';
import { q, testScope } from '../integration/apply/support.js';
import { brokerUser, topoWith } from '../integration/access/support.js';

const scope = testScope();
const ENV = { GUEST_PW: 'guest', ALICE_PW: 'alice-secret', BOB_PW: 'bob-secret' };

function spec(vhost: string, o: { users: string[]; parameters: string[] }): string {
  const password: Record<string, string> = { guest: '${env:GUEST_PW}', alice: '${env:ALICE_PW}', bob: '${env:BOB_PW}' };
  const users = o.users.map((u) => `  ${u}: { ${u === 'guest' ? 'tags: [administrator], ' : ''}password: "${password[u]}" }`);
  const parameters = o.parameters.map((p) => `  ${p}: { owner: ${q(vhost)} }`);
  const permissions = o.users.map((u) => `      ${u}: { configure: ".*", write: ".*", read: ".*" }`);
  return ['users:', ...users, 'globalParameters:', ...parameters, 'vhosts:', `  ${q(vhost)}:`, '    permissions:', ...permissions, ''].join('\n');
}

/** The object at `path` of the management API, or undefined when the broker has none. */
async function found(path: string): Promise<unknown> {
  const body = await mgmt<{ error?: string }>('GET', path, undefined, { expect: [200, 404] });
  return body.error === 'Object Not Found' ? undefined : body;
}
const globalParameter = (name: string) => found(`/global-parameters/${enc(name)}`);
const permissionOf = (vhost: string, user: string) => found(`/permissions/${enc(vhost)}/${enc(user)}`);

describe('apply --prune of users, permissions and global parameters (on a broker of its own)', () => {
  it('leaves what the spec no longer lists without --prune, deletes it with --prune, and never the user topo is connected as', { timeout: 120_000 }, async () => {
    const vhost = await scope.scratch('prune-broker-wide');
    const dir = await scope.files();
    const all = await dir.file('all.yaml', spec(vhost, { users: ['guest', 'alice', 'bob'], parameters: ['topo-test-p1', 'topo-test-p2'] }));
    expect((await topoWith(ENV, ['apply', all, '--yes'])).code).toBe(0);
    expect(await brokerUser('bob')).toBeDefined();
    expect(await globalParameter('topo-test-p2')).toMatchObject({ value: { owner: vhost } });

    const fewer = await dir.file('fewer.yaml', spec(vhost, { users: ['guest', 'alice'], parameters: ['topo-test-p1'] }));
    expect((await topoWith(ENV, ['apply', fewer, '--yes'])).code).toBe(0);
    expect(await brokerUser('bob')).toBeDefined();
    expect(await permissionOf(vhost, 'bob')).toMatchObject({ user: 'bob' });

    const pruned = await topoWith(ENV, ['apply', fewer, '--yes', '--prune']);
    expect(pruned.errors).toBe('');
    expect(pruned.code).toBe(0);
    expect(await brokerUser('bob')).toBeUndefined();
    expect(await permissionOf(vhost, 'bob')).toBeUndefined();
    expect(await globalParameter('topo-test-p2')).toBeUndefined();
    expect(await brokerUser('alice')).toBeDefined();
    expect(await globalParameter('topo-test-p1')).toMatchObject({ value: { owner: vhost } });
    expect((await topoWith(ENV, ['plan', fewer, '--prune', '--detailed-exitcode'])).code).toBe(0);

    // A spec without guest would delete the user topo is connected as: refused, nothing done.
    const withoutGuest = await dir.file('without-guest.yaml', spec(vhost, { users: ['alice'], parameters: [] }));
    const refused = await topoWith(ENV, ['apply', withoutGuest, '--yes', '--prune']);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain('user "guest" would be deleted, and it is the user topo is connected as ("guest")');
    expect(refused.errors).toMatch(/^topo: apply refused: 2 changes would lock topo out of the broker \(see above\); nothing was changed\n$/);
    expect(await brokerUser('guest')).toBeDefined();
    expect(await globalParameter('topo-test-p1')).toMatchObject({ value: { owner: vhost } });
    expect(await permissionOf(vhost, 'guest')).toMatchObject({ user: 'guest' });
  });
});
