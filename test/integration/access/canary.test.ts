/**
 * No secret anywhere: every command runs on a spec whose users' passwords are a canary (from
 * the environment and from a file), and every output and every file written is searched for
 * it as typed, percent-encoded and in base64 (alone and as `user:password`).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leakedForms } from '../../support/password-forms.js';
import { q, testScope } from '../apply/support.js';
import { logsIn, removeUsersAfterAll, topoWith, userPrefix } from './support.js';

const prefix = userPrefix('canary');
removeUsersAfterAll(prefix);
const scope = testScope();

describe('secrets', () => {
  it('never appear in any output or file of any command', { timeout: 120_000 }, async () => {
    const vhost = await scope.scratch('canary');
    const dir = await scope.files();
    const envUser = `${prefix}env`;
    const fileUser = `${prefix}file`;
    const canary = { env: 'Canary-Env-7f3a/pä ss:w@rd', file: 'Canary-File-91bc+/=' };
    await dir.file('secret.txt', `${canary.file}\n`);
    const spec = await dir.file(
      'spec.yaml',
      `users:\n  ${q(envUser)}: { tags: [management], password: "\${env:CANARY_PASSWORD}" }\n  ${q(fileUser)}: { password: "\${file:secret.txt}" }\n` +
        `vhosts:\n  ${q(vhost)}:\n    permissions:\n      ${q(envUser)}: { configure: "", write: ".*", read: ".*" }\n      guest: { configure: ".*", write: ".*", read: ".*" }\n`,
    );
    const env = { CANARY_PASSWORD: canary.env };
    const planFile = join(dir.path, 'saved.plan');
    const outputs: string[] = [];
    const run = async (args: string[], broker = true) => {
      const result = await topoWith(env, args, { broker });
      outputs.push(`$ topo ${args.join(' ')}\n${result.stdout}${result.stderr}`);
      return result;
    };

    expect((await run(['validate', spec], false)).code).toBe(0);
    expect((await run(['plan', spec])).code).toBe(0);
    expect((await run(['plan', spec, '--json'])).code).toBe(0);
    expect((await run(['plan', spec, '--format', 'markdown'])).code).toBe(0);
    expect((await run(['plan', spec, '--out', planFile])).code).toBe(0);
    expect((await run(['apply', '--plan', planFile, '--yes'])).code).toBe(0);
    // The saved plan was applied with the secrets read again: the user logs in with the canary.
    expect(await logsIn(envUser, canary.env)).toBe(true);
    // Drift, then a plan that sees it and an apply (JSON) that fixes it.
    env.CANARY_PASSWORD = `${canary.env}-2`;
    expect((await run(['plan', spec, '--detailed-exitcode'])).code).toBe(2);
    expect((await run(['apply', spec, '--yes', '--json'])).code).toBe(0);
    expect((await run(['export', '--vhost', vhost])).code).toBe(0);
    // An error with --debug: the broker refuses the login, the spec's secrets are loaded.
    const failed = await topoWith(env, ['plan', spec, '--debug', '--url', 'http://127.0.0.1:1', '--user', envUser, '--password', 'x'], { broker: false });
    outputs.push(failed.stdout + failed.stderr);
    expect(failed.code).toBe(1);
    const files = await Promise.all((await readdir(dir.path)).filter((f) => f !== 'secret.txt').map((f) => readFile(join(dir.path, f), 'utf8')));

    const all = [...outputs, ...files].join('\n');
    for (const [user, password] of [[envUser, canary.env], [envUser, `${canary.env}-2`], [fileUser, canary.file]] as const) {
      expect(leakedForms(all, user, password)).toEqual([]);
    }
    expect(outputs.join('\n')).toContain('~ password (changed)');
  });
});
