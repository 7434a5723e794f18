import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { describeConnection } from '../../../src/broker/connection.js';
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
    expect(conn.redact(`boom ${SECRET} and ${SECRET}x`)).toBe('boom [redacted] and [redacted]x');
  });
});
