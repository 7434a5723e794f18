import { describe, expect, it } from 'vitest';
import { parseAmqpUrl, parseManagementUrl } from '../../../src/broker/parse-broker-url.js';
import { TopoError } from '../../../src/errors.js';
import { leakedForms } from '../../support/password-forms.js';

const HOW = 'write "/" as %2F, "?" as %3F, "#" as %23, "@" as %40, "," as %2C and "%" as %25';
const encodeFirst = (shown: string) => `the user and password in the URL must be percent-encoded (${HOW}); got "${shown}"`;
const invalidPort = (shown: string) =>
  `invalid port in "${shown}"; if it is a password, percent-encode the user and password (${HOW})`;

function refusal(parse: () => unknown): TopoError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(TopoError);
    expect((error as TopoError).code).toBe('usage');
    return error as TopoError;
  }
  throw new Error('expected the URL to be refused');
}

describe('parseManagementUrl', () => {
  it.each([
    ['http://bob:pa%23Secr3t@host:15672', { url: 'http://host:15672', user: 'bob', password: 'pa#Secr3t' }],
    ['http://bob:123%2FSecr3t@host:15672', { url: 'http://host:15672', user: 'bob', password: '123/Secr3t' }],
    ['http://bob:p%40ss%3F%25%2C@host', { url: 'http://host', user: 'bob', password: 'p@ss?%,' }],
    ['http://b%C3%B6b:p%20w@host', { url: 'http://host', user: 'böb', password: 'p w' }],
    // A colon in the password needs no encoding: the first one ends the user.
    ['http://bob:pa:ss@host', { url: 'http://host', user: 'bob', password: 'pa:ss' }],
    ['http://bob@host', { url: 'http://host', user: 'bob' }],
    ['https://host:15671/rabbit/api/', { url: 'https://host:15671/rabbit' }],
    ['host:15672', { url: 'http://host:15672' }],
    ['http://[::1]:15672', { url: 'http://[::1]:15672' }],
  ])('reads %s', (raw, parsed) => {
    expect(parseManagementUrl(raw, '--url')).toEqual(parsed);
  });

  it.each([
    // [as typed, user, password, message after "--url: "]
    ['http://bob:pa#Secr3t@host:15672', 'bob', 'pa#Secr3t', encodeFirst('http://bob:***@host:15672')],
    ['http://bob:123/Secr3t@host:15672', 'bob', '123/Secr3t', encodeFirst('http://bob:***@host:15672')],
    ['http://bob:p?ssW0rd@host:15672', 'bob', 'p?ssW0rd', encodeFirst('http://bob:***@host:15672')],
    ['http://bob:p@ssW0rd@host', 'bob', 'p@ssW0rd', encodeFirst('http://bob:***@host')],
    ['http://bob:pa\\Secr3t@host', 'bob', 'pa\\Secr3t', encodeFirst('http://bob:***@host')],
    // TOPO_URL separates nodes with commas.
    ['http://bob:pa,Secr3t@host', 'bob', 'pa,Secr3t', encodeFirst('http://bob:***@host')],
    // A "%" that starts no escape, and escapes that are not UTF-8.
    ['http://bob:50%offSecr3t@host', 'bob', '50%offSecr3t', encodeFirst('http://bob:***@host')],
    ['http://bob:Secr3t%C0%AF@host', 'bob', 'Secr3t%C0%AF', encodeFirst('http://bob:***@host')],
    ['bob:pa#Secr3t@host:15672', 'bob', 'pa#Secr3t', encodeFirst('bob:***@host:15672')],
    // No "@": the host's "port" may be the start of a password.
    ['http://bob:pa#Secr3t', 'bob', 'pa#Secr3t', invalidPort('http://bob:***')],
    ['http://bob:99999/Secr3t', 'bob', '99999/Secr3t', invalidPort('http://bob:***')],
    ['bob:Secr3t/x', 'bob', 'Secr3t/x', invalidPort('bob:***')],
    // Refused for what it is, still without the password.
    ['ftp://bob:Secr3t@host', 'bob', 'Secr3t', 'the management API URL must be http:// or https://, got "ftp://bob:***@host"'],
    ['http://bob:Secr3t@exa mple', 'bob', 'Secr3t', 'invalid management API URL "http://bob:***@exa mple"'],
    ['http://bob:Secr3t@host:port', 'bob', 'Secr3t', 'invalid management API URL "http://bob:***@host:port"'],
  ])('refuses %s', (raw, user, password, message) => {
    const error = refusal(() => parseManagementUrl(raw, '--url'));
    expect(error.message).toBe(`--url: ${message}`);
    expect(leakedForms(error.message, user, password)).toEqual([]);
  });

  it('says no source without one', () => {
    expect(refusal(() => parseManagementUrl('http://bob:pa#Secr3t@host')).message).toBe(encodeFirst('http://bob:***@host'));
  });
});

describe('parseAmqpUrl', () => {
  it.each([
    ['amqp://bob:p%40ss@host', { url: 'amqp://host', user: 'bob', password: 'p@ss' }],
    ['amqps://bob:a,b@host:5671/%2F', { url: 'amqps://host:5671/%2F', user: 'bob', password: 'a,b' }],
    ['amqp://host:5672/v?heartbeat=5', { url: 'amqp://host:5672/v?heartbeat=5' }],
  ])('reads %s', (raw, parsed) => {
    expect(parseAmqpUrl(raw, '--amqp-url')).toEqual(parsed);
  });

  it.each([
    ['amqp://bob:p@ss@host', 'bob', 'p@ss', encodeFirst('amqp://bob:***@host')],
    ['amqp://bob:pa#Secr3t@host:5672', 'bob', 'pa#Secr3t', encodeFirst('amqp://bob:***@host:5672')],
    ['amqp://bob:123/Secr3t@host/vhost', 'bob', '123/Secr3t', encodeFirst('amqp://bob:***@host/vhost')],
    // The credentials are judged first, whatever the scheme.
    ['http://bob:pa#Secr3t@host:15672', 'bob', 'pa#Secr3t', encodeFirst('http://bob:***@host:15672')],
    ['amqp:bob:p@ss@host', 'bob', 'p@ss', encodeFirst('amqp:***@host')],
    ['amqp://bob:Secr3t', 'bob', 'Secr3t', invalidPort('amqp://bob:***')],
    ['http://bob:Secr3t@host', 'bob', 'Secr3t', 'the AMQP URL must be amqp:// or amqps://, got "http://bob:***@host"'],
    ['amqp://bob:Secr3t@exa mple', 'bob', 'Secr3t', 'invalid AMQP URL "amqp://bob:***@exa mple"'],
  ])('refuses %s', (raw, user, password, message) => {
    const error = refusal(() => parseAmqpUrl(raw, 'TOPO_AMQP_URL'));
    expect(error.message).toBe(`TOPO_AMQP_URL: ${message}`);
    expect(leakedForms(error.message, user, password)).toEqual([]);
  });
});
