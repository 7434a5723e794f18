import type { Listener } from './overview.js';

/** One AMQP URL to try, and the node it reaches when topo knows it. */
export interface AmqpEndpoint {
  /** amqp:// or amqps://, host and port, no credentials, no vhost. */
  url: string;
  node?: string;
}

/** What `amqpEndpoints` maps: the listeners, and how the user reaches the management API. */
export interface AmqpEndpointsInput {
  /** Every running node's listeners (`GET /api/overview`). */
  listeners: readonly Listener[];
  /** The management base URLs the user gave, in order. */
  managementUrls: readonly string[];
  /** The node whose management API answered, and the URL it answered at. */
  answeredBy?: { node: string; base: string };
}

/** Addresses a listener binds to when it listens on every interface: no host to connect to. */
const WILDCARDS = new Set(['::', '0.0.0.0', '']);

/**
 * One AMQP URL per node, from the nodes' own listeners: the node whose management API
 * answered first, then the others in listener order. TLS listeners (`amqp/ssl`, as amqps)
 * are preferred when the management API is reached over https, plain ones otherwise; a node
 * with only the other kind gets that one. A listener bound to every interface (`::`,
 * `0.0.0.0`) is reached at the host the user names that node by: the management URL that
 * answered as that node, else the management URL whose port only that node's HTTP listener
 * uses, else the host part of the node's name (`rabbit@host`). Pure.
 */
export function amqpEndpoints(input: AmqpEndpointsInput): AmqpEndpoint[] {
  const tls = input.managementUrls.some((u) => u.startsWith('https:'));
  const preferred = tls ? 'amqp/ssl' : 'amqp';
  const byNode = new Map<string, Listener>();
  for (const l of input.listeners) {
    if (l.protocol !== 'amqp' && l.protocol !== 'amqp/ssl') continue;
    const known = byNode.get(l.node);
    if (!known || (known.protocol !== preferred && l.protocol === preferred)) byNode.set(l.node, l);
  }
  const nodes = [...byNode.keys()];
  const first = input.answeredBy?.node;
  if (first !== undefined && byNode.has(first)) nodes.sort((a, b) => Number(b === first) - Number(a === first));
  return nodes.map((node) => {
    const l = byNode.get(node)!;
    const scheme = l.protocol === 'amqp/ssl' ? 'amqps' : 'amqp';
    return { url: `${scheme}://${hostOf(l, input)}:${l.port}`, node };
  });
}

function hostOf(l: Listener, input: AmqpEndpointsInput): string {
  if (!WILDCARDS.has(l.ip_address)) return bracketed(l.ip_address);
  if (input.answeredBy?.node === l.node) return new URL(input.answeredBy.base).hostname;
  const byPort = managementHostByPort(l.node, input);
  if (byPort !== undefined) return byPort;
  const at = l.node.indexOf('@');
  return at >= 0 ? bracketed(l.node.slice(at + 1)) : bracketed(l.node);
}

/** The host of the one management URL whose port is this node's HTTP port and no other node's. */
function managementHostByPort(node: string, input: AmqpEndpointsInput): string | undefined {
  const http = input.listeners.filter((l) => l.protocol === 'http' || l.protocol === 'https');
  const ports = new Set(http.filter((l) => l.node === node).map((l) => String(l.port)));
  const shared = http.some((l) => l.node !== node && ports.has(String(l.port)));
  if (ports.size === 0 || shared) return undefined;
  const matches = input.managementUrls.map((u) => new URL(u)).filter((u) => ports.has(u.port || defaultPort(u)));
  return matches.length === 1 ? matches[0]!.hostname : undefined;
}

function defaultPort(url: URL): string {
  return url.protocol === 'https:' ? '443' : '80';
}

/** An IPv6 address in brackets, as a URL needs it; anything else as it is. */
function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
