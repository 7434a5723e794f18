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

type Refusal = [typed: string, user: string, password: string, message: string];

/** One of the two URL parsers, and the URLs it alone reads or refuses. */
interface Parser {
  parse: (raw: string, source?: string) => unknown;
  /** Named in its refusals. */
  source: string;
  /** Its scheme and port, what its refusals call the URL, and the schemes they ask for. */
  refusedAs: { scheme: string; port: number; what: string; schemes: string };
  refuses: Refusal[];
  reads: [string, unknown][];
}

/**
 * Passwords that either parser refuses unless percent-encoded: a delimiter, "@", a backslash,
 * a "%" that starts no escape, and escapes that are not UTF-8.
 */
const unencoded = ['pa#Secr3t', '123/Secr3t', 'p?ssW0rd', 'p@ssW0rd', 'pa\\Secr3t', '50%offSecr3t', 'Secr3t%C0%AF'];

/** What either parser refuses, in its own scheme: [as typed, user, password, message after "source: "]. */
function refusedByBoth({ scheme, port, what, schemes }: Parser['refusedAs']): Refusal[] {
  return [
    ...[`${scheme}://bob:PW@host`, `${scheme}://bob:PW@host:${port}`, 'bob:PW@host:15672'].flatMap((url) =>
      unencoded.map((password): Refusal => [url.replace('PW', password), 'bob', password, encodeFirst(url.replace('PW', '***'))]),
    ),
    [`${scheme}:bob:p@ss@host`, 'bob', 'p@ss', encodeFirst(`${scheme}:***@host`)],
    // No "@": the host's "port" may be the start of a password.
    ...['pa#Secr3t', '99999/Secr3t', 'Secr3t'].map((password): Refusal => [`${scheme}://bob:${password}`, 'bob', password, invalidPort(`${scheme}://bob:***`)]),
    ['bob:Secr3t/x', 'bob', 'Secr3t/x', invalidPort('bob:***')],
    // Refused for what it is, still without the password.
    ['ftp://bob:Secr3t@host', 'bob', 'Secr3t', `the ${what} must be ${schemes}, got "ftp://bob:***@host"`],
    [`${scheme}://bob:Secr3t@exa mple`, 'bob', 'Secr3t', `invalid ${what} "${scheme}://bob:***@exa mple"`],
    [`${scheme}://bob:Secr3t@host:port`, 'bob', 'Secr3t', `invalid ${what} "${scheme}://bob:***@host:port"`],
  ];
}

const parsers: Parser[] = [
  {
    parse: parseManagementUrl,
    source: '--url',
    refusedAs: { scheme: 'http', port: 15672, what: 'management API URL', schemes: 'http:// or https://' },
    // TOPO_URL separates nodes with commas.
    refuses: [['http://bob:pa,Secr3t@host', 'bob', 'pa,Secr3t', encodeFirst('http://bob:***@host')]],
    reads: [
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
    ],
  },
  {
    parse: parseAmqpUrl,
    source: 'TOPO_AMQP_URL',
    refusedAs: { scheme: 'amqp', port: 5672, what: 'AMQP URL', schemes: 'amqp:// or amqps://' },
    refuses: [
      ['amqp://bob:123/Secr3t@host/vhost', 'bob', '123/Secr3t', encodeFirst('amqp://bob:***@host/vhost')],
      // The credentials are judged first, whatever the scheme.
      ['http://bob:pa#Secr3t@host:15672', 'bob', 'pa#Secr3t', encodeFirst('http://bob:***@host:15672')],
      ['http://bob:Secr3t@host', 'bob', 'Secr3t', 'the AMQP URL must be amqp:// or amqps://, got "http://bob:***@host"'],
    ],
    reads: [
      ['amqp://bob:p%40ss@host', { url: 'amqp://host', user: 'bob', password: 'p@ss' }],
      ['amqps://bob:a,b@host:5671/%2F', { url: 'amqps://host:5671/%2F', user: 'bob', password: 'a,b' }],
      ['amqp://host:5672/v?heartbeat=5', { url: 'amqp://host:5672/v?heartbeat=5' }],
    ],
  },
];

for (const { parse, source, refusedAs, reads, refuses } of parsers) {
  const { scheme } = refusedAs;

  describe(parse.name, () => {
    it.each(reads)('reads %s', (raw, parsed) => {
      expect(parse(raw, source)).toEqual(parsed);
    });

    it.each([...refusedByBoth(refusedAs), ...refuses])('refuses %s', (raw, user, password, message) => {
      const error = refusal(() => parse(raw, source));
      expect(error.message).toBe(`${source}: ${message}`);
      expect(leakedForms(error.message, user, password)).toEqual([]);
    });

    it('says no source without one', () => {
      expect(refusal(() => parse(`${scheme}://bob:pa#Secr3t@host`)).message).toBe(encodeFirst(`${scheme}://bob:***@host`));
    });
  });
}
