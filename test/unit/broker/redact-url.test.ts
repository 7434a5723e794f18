import { describe, expect, it } from 'vitest';
import { redactUrl, redactUrlsIn } from '../../../src/broker/redact-url.js';
import { leakedForms } from '../../support/password-forms.js';

describe('redactUrl', () => {
  // [as typed, as shown, user, password]
  const hidden: { what: string; cases: [string, string, string, string][] }[] = [
    {
      what: 'the password before the last "@", whatever it holds',
      cases: [
        ['http://bob:pa#Secr3t@host:15672', 'http://bob:***@host:15672', 'bob', 'pa#Secr3t'],
        ['http://bob:123/Secr3t@host:15672', 'http://bob:***@host:15672', 'bob', '123/Secr3t'],
        ['amqp://bob:p@ssW0rd@host', 'amqp://bob:***@host', 'bob', 'p@ssW0rd'],
        ['http://bob:p?ssW0rd@host:15672/x', 'http://bob:***@host:15672/x', 'bob', 'p?ssW0rd'],
        ['http://bob:pa%23Secr3t@host', 'http://bob:***@host', 'bob', 'pa#Secr3t'],
        ['bob:pa#Secr3t@host:15672', 'bob:***@host:15672', 'bob', 'pa#Secr3t'],
      ],
    },
    {
      what: 'all of the user info where the user name may be a password',
      cases: [
        ['http://Secr3tToken@host', 'http://***@host', '', 'Secr3tToken'],
        ['http://:Secr3t@host', 'http://***@host', '', 'Secr3t'],
        // A user name that holds a delimiter may be part of a password: hidden too.
        ['http://b/Secr3t:more@host', 'http://***@host', 'b/Secr3t', 'more'],
      ],
    },
    {
      // No "@": a port that is not one may be a password cut by "/", "?" or "#".
      what: 'a "port" that is not one, where there is no "@"',
      cases: [
        ['http://bob:pa#Secr3t', 'http://bob:***', 'bob', 'pa#Secr3t'],
        ['http://bob:99999/Secr3t', 'http://bob:***', 'bob', '99999/Secr3t'],
        ['http://[::1]:Secr3t/x', 'http://[::1]:***', '', 'Secr3t/x'],
      ],
    },
  ];

  for (const { what, cases } of hidden) {
    describe(`hides ${what}`, () => {
      it.each(cases)('%s shows as %s', (typed, shown, user, password) => {
        expect(redactUrl(typed)).toBe(shown);
        expect(leakedForms(redactUrl(typed), user, password)).toEqual([]);
      });
    });
  }

  it.each(['http://host:15672/prefix', 'http://[::1]:15672', 'localhost:15672', 'amqp://host/%2F?heartbeat=5', 'http://bob:123/x', 'not a url'])(
    'leaves %s as it is',
    (text) => {
      expect(redactUrl(text)).toBe(text);
    },
  );
});

describe('redactUrlsIn', () => {
  it.each([
    [
      'cannot reach the management API at http://bob:123/Secr3t@host:15672 (getaddrinfo ENOTFOUND bob); is it up?',
      'cannot reach the management API at http://bob:***@host:15672 (getaddrinfo ENOTFOUND bob); is it up?',
    ],
    [
      'TopoError: invalid "amqp://u:p@ss@h/v"\n    at parse (file:///x/y.js:1:2)',
      'TopoError: invalid "amqp://u:***@h/v"\n    at parse (file:///x/y.js:1:2)',
    ],
    ['at http://a:1, http://b:2 (refused)', 'at http://a:1, http://b:2 (refused)'],
    ['mail bob@example.com', 'mail bob@example.com'],
  ])('%s', (text, redacted) => {
    expect(redactUrlsIn(text)).toBe(redacted);
    expect(redactUrlsIn(redacted)).toBe(redacted);
  });
});
