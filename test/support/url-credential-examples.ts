/**
 * The URLs of issue 11: passwords holding "/", "#" or "@" typed into a URL without
 * percent-encoding. Each is tried as it was reported, and with the scheme of the other kind
 * of URL (management http://, AMQP amqp://), on every flag and variable that takes a URL.
 */
export interface UrlCredentialExample {
  url: string;
  user: string;
  password: string;
}

const REPORTED: UrlCredentialExample[] = [
  { url: 'http://bob:pa#Secr3t@host:15672', user: 'bob', password: 'pa#Secr3t' },
  { url: 'http://bob:123/Secr3t@host:15672', user: 'bob', password: '123/Secr3t' },
  { url: 'amqp://bob:p@ss@host', user: 'bob', password: 'p@ss' },
];

const otherScheme = (url: string) => (url.startsWith('http://') ? url.replace('http://', 'amqp://') : url.replace('amqp://', 'http://'));

export const URL_CREDENTIAL_EXAMPLES: UrlCredentialExample[] = [
  ...REPORTED,
  ...REPORTED.map((e) => ({ ...e, url: otherScheme(e.url) })),
];

/** Where a URL can be given: a flag, or a variable of the environment. */
export const URL_SOURCES = [
  { name: '--url', flag: '--url' },
  { name: '--amqp-url', flag: '--amqp-url' },
  { name: 'TOPO_URL', variable: 'TOPO_URL' },
  { name: 'TOPO_AMQP_URL', variable: 'TOPO_AMQP_URL' },
] as const;

export type UrlSource = (typeof URL_SOURCES)[number];

/** The arguments and environment that give `url` through `source`. */
export function giveUrl(source: UrlSource, url: string): { args: string[]; env: Record<string, string> } {
  return 'flag' in source ? { args: [source.flag, url], env: {} } : { args: [], env: { [source.variable]: url } };
}
