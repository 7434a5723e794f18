/**
 * Helpers for the access tests: uniquely named users (users are broker-wide, and other tests
 * run on the same broker at the same time), removed afterwards, and the CLI run with an
 * environment that holds their passwords.
 */
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { enc, mgmt } from '../../support/broker.js';
import { BROKER_FLAGS, type RunResult } from '../apply/support.js';

/** A prefix unique to one test file's run: every user it creates starts with it. */
export function userPrefix(label: string): string {
  return `topo-test-${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}-`;
}

/** Deletes, after the file's tests, every user whose name starts with `prefix`: only ours. */
export function removeUsersAfterAll(prefix: string): void {
  afterAll(async () => {
    const users = await mgmt<{ name: string }[]>('GET', '/users?columns=name');
    for (const { name } of users.filter((u) => u.name.startsWith(prefix))) {
      await mgmt('DELETE', `/users/${enc(name)}`, undefined, { expect: [204, 404] });
    }
  });
}

/** Runs `topo <args>` in-process against the test broker, with `env` as its environment. */
export async function topoWith(env: Record<string, string>, args: string[], options: { broker?: boolean } = {}): Promise<RunResult> {
  const io = bufferIO(env);
  const code = await main(['node', 'topo', ...args, ...(options.broker === false ? [] : BROKER_FLAGS)], io);
  return { code, stdout: io.stdout, stderr: io.stderr, errors: io.stderr.replace(/^Waiting for another topo apply to finish.*\n/gm, '') };
}

export interface BrokerUser {
  name: string;
  tags: string[] | string;
  password_hash: string;
  hashing_algorithm: string;
  limits?: Record<string, number>;
}

/** A user as the broker has it, read without topo; undefined when it does not exist. */
export async function brokerUser(name: string): Promise<BrokerUser | undefined> {
  const users = await mgmt<BrokerUser[]>('GET', '/users');
  return users.find((u) => u.name === name);
}

/** Whether `password` logs `user` in (the management API's whoami, which needs the management tag). */
export async function logsIn(user: string, password: string): Promise<boolean> {
  try {
    await mgmt('GET', '/whoami', undefined, { user, password });
    return true;
  } catch {
    return false;
  }
}
