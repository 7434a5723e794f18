import { describe, expect, it } from 'vitest';
import { createConnection } from '../../../src/broker/create-connection.js';
import { TopoError } from '../../../src/errors.js';

const SECRET = 'Sup3r-s3cret-pw';
const basicOf = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('createConnection', () => {
  it('defaults to localhost:15672, guest/guest, 30 s, AMQP on the same host, TLS verified', () => {
    const conn = createConnection();
    expect(conn.urls).toEqual(['http://localhost:15672']);
    expect(conn.basicAuthorization()).toBe(basicOf('guest', 'guest'));
    expect(conn.timeoutMs).toBe(30_000);
    expect(conn.amqpUrl).toBe('amqp://localhost:5672');
    expect(conn.amqpAuth()).toEqual({ user: 'guest', password: 'guest' });
    expect(conn.tlsOptions()).toEqual({ rejectUnauthorized: true });
    expect(conn.tlsFiles).toEqual({ insecure: false });
  });

  it('takes credentials out of the first URL that has them; explicit ones win', () => {
    const conn = createConnection({ urls: ['http://a:1', 'http://u:p%2Fw@b:2'] });
    expect(conn.urls).toEqual(['http://a:1', 'http://b:2']);
    expect(conn.basicAuthorization()).toBe(basicOf('u', 'p/w'));
    expect(createConnection({ urls: ['http://u:p@b:2'], password: 'x' }).basicAuthorization()).toBe(basicOf('u', 'x'));
  });

  it('keeps a path prefix but drops a trailing /api, and reads host:port as http', () => {
    expect(createConnection({ urls: ['http://h/rabbit/'] }).urls).toEqual(['http://h/rabbit']);
    expect(createConnection({ urls: ['http://h:15672/api/'] }).urls).toEqual(['http://h:15672']);
    expect(createConnection({ urls: ['h:15672'] }).urls).toEqual(['http://h:15672']);
  });

  it('derives the AMQP URLs from the management URLs, the first one first', () => {
    const conn = createConnection({ urls: ['http://rabbit.example:15672', 'http://other:15672'] });
    expect(conn.amqpUrl).toBe('amqp://rabbit.example:5672');
    expect(conn.amqpUrls).toEqual(['amqp://rabbit.example:5672', 'amqp://other:5672']);
    expect(conn.amqpGiven).toBe(false);
    expect(createConnection({ urls: ['https://rabbit.example:15671'] }).amqpUrl).toBe('amqps://rabbit.example:5671');
    expect(createConnection({ urls: ['http://[::1]:15672'] }).amqpUrl).toBe('amqp://[::1]:5672');
  });

  it('uses the AMQP URL given, with its own credentials taken out of it', () => {
    const conn = createConnection({ amqpUrl: 'amqp://au:ap@mq:5673/%2F?heartbeat=5', user: 'mu', password: 'mp' });
    expect(conn.amqpUrl).toBe('amqp://mq:5673/%2F?heartbeat=5');
    expect(conn.amqpAuth()).toEqual({ user: 'au', password: 'ap' });
  });

  it('takes a list of AMQP URLs, one per node, credentials from the first that has them', () => {
    const conn = createConnection({ amqpUrl: ['amqp://mq1:5672', 'amqp://au:ap@mq2:5672', 'amqp://mq1:5672'], user: 'mu', password: 'mp' });
    expect(conn.amqpUrls).toEqual(['amqp://mq1:5672', 'amqp://mq2:5672']);
    expect(conn.amqpUrl).toBe('amqp://mq1:5672');
    expect(conn.amqpGiven).toBe(true);
    expect(conn.amqpAuth()).toEqual({ user: 'au', password: 'ap' });
  });

  it('refuses a timeout that is not a positive number', () => {
    expect(() => createConnection({ timeoutMs: 0 })).toThrow('the request timeout must be a positive number of milliseconds');
  });

  it.each([
    [{ urls: ['ftp://u:' + SECRET + '@h'] }, 'management API URL must be http:// or https://'],
    [{ urls: ['http://u:' + SECRET + '@exa mple'] }, 'invalid management API URL'],
    [{ amqpUrl: 'http://u:' + SECRET + '@h' }, 'AMQP URL must be amqp:// or amqps://'],
  ])('rejects a bad URL without echoing its password: %j', (options, message) => {
    let caught: unknown;
    try {
      createConnection(options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TopoError);
    expect((caught as TopoError).message).toContain(message);
    expect((caught as TopoError).message).not.toContain(SECRET);
  });
});
