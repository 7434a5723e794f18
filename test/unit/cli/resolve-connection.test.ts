import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectionFlags } from '../../../src/cli/options.js';
import { resolveConnection, splitUrlList } from '../../../src/cli/resolve-connection.js';
import { TopoError } from '../../../src/errors.js';

const basicOf = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('resolveConnection', () => {
  it('defaults to localhost:15672, guest/guest, 30 s, AMQP on the same host', () => {
    const conn = resolveConnection({}, {});
    expect(conn.urls).toEqual(['http://localhost:15672']);
    expect(conn.user).toBe('guest');
    expect(conn.basicAuthorization()).toBe(basicOf('guest', 'guest'));
    expect(conn.timeoutMs).toBe(30_000);
    expect(conn.amqpUrl).toBe('amqp://localhost:5672');
    expect(conn.amqpAuth()).toEqual({ user: 'guest', password: 'guest' });
    expect(conn.tlsOptions()).toEqual({ rejectUnauthorized: true });
  });

  it.each([
    ['flags win over env and URL', { url: ['http://u0:p0@a:15672'], user: 'u1', password: 'p1' }, { TOPO_USER: 'u2', TOPO_PASSWORD: 'p2' }, 'u1', 'p1'],
    ['env wins over URL', { url: ['http://u0:p0@a:15672'] }, { TOPO_USER: 'u2', TOPO_PASSWORD: 'p2' }, 'u2', 'p2'],
    ['URL credentials when nothing else', { url: ['http://u0:p%400@a:15672'] }, {}, 'u0', 'p@0'],
    ['user and password resolve independently', { user: 'u1' }, { TOPO_PASSWORD: 'p2' }, 'u1', 'p2'],
    ['credentials of TOPO_URL', {}, { TOPO_URL: 'http://u3:p3@b:15672' }, 'u3', 'p3'],
    ['empty values count as absent', { user: '' }, { TOPO_USER: '', TOPO_PASSWORD: '' }, 'guest', 'guest'],
  ])('credential precedence: %s', (_label, flags, env, user, password) => {
    const conn = resolveConnection(flags, env);
    expect(conn.user).toBe(user);
    expect(conn.basicAuthorization()).toBe(basicOf(user, password));
  });

  it('takes repeated --url over TOPO_URL, splits commas, and strips credentials and trailing slashes', () => {
    const conn = resolveConnection({ url: ['http://u:p@a:15672/', 'https://b:15671,c:15672'] }, { TOPO_URL: 'http://z:1' });
    expect(conn.urls).toEqual(['http://a:15672', 'https://b:15671', 'http://c:15672']);
    expect(resolveConnection({}, { TOPO_URL: 'http://x:1, http://y:2' }).urls).toEqual(['http://x:1', 'http://y:2']);
  });

  it('uses --amqp-url, then TOPO_AMQP_URL, with its own credentials stripped from the URL', () => {
    const fromFlag = resolveConnection(
      { amqpUrl: 'amqp://au:ap@mq:5673/%2F?heartbeat=5', user: 'mu', password: 'mp' },
      { TOPO_AMQP_URL: 'amqp://x:5672' },
    );
    expect(fromFlag.amqpUrl).toBe('amqp://mq:5673/%2F?heartbeat=5');
    expect(fromFlag.amqpAuth()).toEqual({ user: 'au', password: 'ap' });
    const fromEnv = resolveConnection({ user: 'mu', password: 'mp' }, { TOPO_AMQP_URL: 'amqps://mq2:5671' });
    expect(fromEnv.amqpUrl).toBe('amqps://mq2:5671');
    expect(fromEnv.amqpAuth()).toEqual({ user: 'mu', password: 'mp' });
  });

  it('splits a comma-separated --amqp-url or TOPO_AMQP_URL into one URL per node, in order', () => {
    const fromFlag = resolveConnection({ amqpUrl: 'amqp://a:5681, amqp://b:5682,amqp://c:5683' }, { TOPO_AMQP_URL: 'amqp://x:1' });
    expect(fromFlag.amqpUrls).toEqual(['amqp://a:5681', 'amqp://b:5682', 'amqp://c:5683']);
    const fromEnv = resolveConnection({}, { TOPO_AMQP_URL: 'amqp://u:p%2Cw@a:1,amqp://b:2' });
    expect(fromEnv.amqpUrls).toEqual(['amqp://a:1', 'amqp://b:2']);
    expect(fromEnv.amqpAuth()).toEqual({ user: 'u', password: 'p,w' });
    expect(resolveConnection({ url: ['http://m1:15672', 'http://m2:15672'] }, {}).amqpGiven).toBe(false);
  });

  it('takes the timeout from the flag', () => {
    expect(resolveConnection({ timeout: 1234 }, {}).timeoutMs).toBe(1234);
  });

  it('reads TLS files and sets --insecure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'topo-tls-'));
    writeFileSync(join(dir, 'ca.pem'), 'CA');
    writeFileSync(join(dir, 'key.pem'), 'KEY');
    const conn = resolveConnection({ caCert: join(dir, 'ca.pem'), clientKey: join(dir, 'key.pem'), insecure: true }, {});
    const tls = conn.tlsOptions();
    expect(tls.ca?.toString()).toBe('CA');
    expect(tls.key?.toString()).toBe('KEY');
    expect(tls.cert).toBeUndefined();
    expect(tls.rejectUnauthorized).toBe(false);
    expect(conn.tlsFiles).toEqual({ caCert: join(dir, 'ca.pem'), clientKey: join(dir, 'key.pem'), insecure: true });
    expect(JSON.stringify(conn)).not.toContain('KEY');
  });

  it('turns an unreadable TLS file into one line naming the flag and the file', () => {
    const missing = join(tmpdir(), 'topo-no-such-dir', 'client.pem');
    const attempt = () => resolveConnection({ clientCert: missing }, {});
    expect(attempt).toThrow(TopoError);
    expect(attempt).toThrow(`cannot read --client-cert file "${missing}": no such file or directory`);
  });
});

describe('splitUrlList', () => {
  it.each([
    ['http://a:1', ['http://a:1']],
    ['http://a:1, http://b:2,,c:3 ', ['http://a:1', 'http://b:2', 'c:3']],
    // A comma inside a password: the piece with the "@" goes back to its URL.
    ['http://bob:pa,ss@host:15672,http://c:3', ['http://bob:pa,ss@host:15672', 'http://c:3']],
    ['http://bob:12,34,56@host', ['http://bob:12,34,56@host']],
    ['http://u:p@a:1,http://v:q@b:2', ['http://u:p@a:1', 'http://v:q@b:2']],
    ['http://a:1,http://bob:12,34@host', ['http://a:1', 'http://bob:12,34@host']],
    ['bob:12,34@host', ['bob:12,34@host']],
  ])('%s', (list, urls) => {
    expect(splitUrlList(list)).toEqual(urls);
  });
});

describe('a URL that resolveConnection refuses names where it came from', () => {
  const refusal = (flags: ConnectionFlags, env: Record<string, string>) => {
    try {
      resolveConnection(flags, env);
    } catch (error) {
      return (error as TopoError).message;
    }
    throw new Error('expected a refusal');
  };

  it.each([
    [{ url: ['http://bob:pa#Secr3t@host'] }, { TOPO_URL: 'http://x:1' }, '--url: ', 'http://bob:***@host'],
    [{}, { TOPO_URL: 'http://bob:pa#Secr3t@host' }, 'TOPO_URL: ', 'http://bob:***@host'],
    [{ amqpUrl: 'amqp://bob:p@ss@host' }, { TOPO_AMQP_URL: 'amqp://x' }, '--amqp-url: ', 'amqp://bob:***@host'],
    [{}, { TOPO_AMQP_URL: 'amqp://bob:p@ss@host' }, 'TOPO_AMQP_URL: ', 'amqp://bob:***@host'],
    // A comma in a password of a list: the whole URL is refused, no half of it used.
    [{}, { TOPO_URL: 'http://bob:12,Secr3t@host' }, 'TOPO_URL: ', 'http://bob:***@host'],
  ])('%j %j', (flags, env, prefix, shown) => {
    const message = refusal(flags, env);
    expect(message.startsWith(prefix)).toBe(true);
    expect(message).toContain('must be percent-encoded');
    expect(message).toContain(`got "${shown}"`);
  });
});
