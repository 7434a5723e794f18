import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Connection, describeConnection } from '../../../src/broker/connection.js';
import { createConnection } from '../../../src/broker/create-connection.js';

const SECRET = 'Sup3r-s3cret-pw';
const basicOf = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('a Connection never shows its password', () => {
  const conn = createConnection({ urls: [`http://admin:${SECRET}@a:15672`], amqpUrl: `amqp://mq:${SECRET}x@h:5672` });

  it.each([
    ['JSON.stringify', () => JSON.stringify(conn)],
    ['util.inspect', () => inspect(conn, { showHidden: true, depth: 10 })],
    ['String', () => String(conn)],
    ['template literal', () => `${conn}`],
    ['object spread', () => JSON.stringify({ ...conn })],
    ['Object.entries', () => JSON.stringify(Object.entries(conn))],
    ['describeConnection', () => describeConnection(conn)],
  ])('%s', (_label, show) => {
    const text = show();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(`admin:${SECRET}`).toString('base64'));
  });

  it('but still authenticates with it, and shows the user and URL', () => {
    expect(conn.basicAuthorization()).toBe(basicOf('admin', SECRET));
    expect(conn.amqpAuth().password).toBe(`${SECRET}x`);
    expect(describeConnection(conn)).toBe('http://a:15672');
    expect(String(conn)).toBe('Connection(user "admin" at http://a:15672)');
    expect(JSON.stringify(conn)).toContain('"password":"[redacted]"');
  });

  it('redacts its secrets from arbitrary text', () => {
    expect(conn.redact(`boom ${SECRET} and ${SECRET}x`)).toBe('boom [redacted] and [redacted]');
  });
});

describe('Connection.redact', () => {
  const password = 'pa#Se/cr?3t';
  const conn = createConnection({ urls: ['http://h:15672'], user: 'bob', password });
  const base64 = (text: string) => Buffer.from(text).toString('base64');

  it.each([
    ['as typed', password],
    ['percent-encoded', encodeURIComponent(password)],
    ['in a Basic header', base64(`bob:${password}`)],
    ['base64-encoded alone', base64(password)],
  ])('hides the password %s', (_label, form) => {
    expect(conn.redact(`x ${form} y`)).toBe('x [redacted] y');
  });

  it('hides the user information of URLs', () => {
    expect(conn.redact('at http://eve:other-secret@proxy:3128 (refused)')).toBe('at http://eve:***@proxy:3128 (refused)');
  });
});

describe('new Connection', () => {
  const init = {
    urls: ['http://h:15672'],
    user: 'u',
    password: 'p',
    timeoutMs: 1000,
    amqpUrl: 'amqp://h:5672',
    amqpUser: 'u',
    amqpPassword: 'p',
    tlsFiles: { insecure: false },
    tls: { rejectUnauthorized: true },
  };

  it.each([
    ['a management URL', { urls: ['http://u:Secr3t@h:15672'] }],
    ['the AMQP URL', { amqpUrl: 'amqp://u:Secr3t@h:5672' }],
  ])('refuses credentials in %s, which it would print', (_label, change) => {
    expect(() => new Connection({ ...init, ...change })).toThrow(
      'a Connection URL must not carry credentials (createConnection takes them out)',
    );
  });

  it('refuses a timeout that is not a positive number', () => {
    expect(() => new Connection({ ...init, timeoutMs: Number.NaN })).toThrow('the request timeout must be a positive number');
  });
});
