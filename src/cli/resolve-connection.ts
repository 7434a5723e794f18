import { readFileSync } from 'node:fs';
import type { Connection } from '../broker/connection.js';
import { createConnection } from '../broker/create-connection.js';
import { fileErrorReason, TopoError } from '../errors.js';
import type { ConnectionFlags } from './options.js';

const present = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * How to reach the broker, from the connection flags and the environment. Precedence: flags,
 * then `TOPO_*` environment variables, then credentials embedded in a URL, then defaults
 * (`http://localhost:15672`, guest/guest, 30 s): see `createConnection`. `--url` repeats and
 * `TOPO_URL` holds a comma-separated list, for the nodes of a cluster; so do `--amqp-url` and
 * `TOPO_AMQP_URL`. TLS files are read
 * now; an unreadable file is a one-line `TopoError` naming its flag.
 */
export function resolveConnection(flags: ConnectionFlags, env: Record<string, string | undefined>): Connection {
  const urls = flags.url && flags.url.length > 0 ? { source: '--url', values: flags.url } : { source: 'TOPO_URL', values: [env.TOPO_URL] };
  const amqpSource = present(flags.amqpUrl) ? '--amqp-url' : 'TOPO_AMQP_URL';
  const tlsFiles = {
    ...(flags.caCert ? { caCert: flags.caCert } : {}),
    ...(flags.clientCert ? { clientCert: flags.clientCert } : {}),
    ...(flags.clientKey ? { clientKey: flags.clientKey } : {}),
  };
  return createConnection({
    urls: urls.values.filter(present).flatMap(splitUrlList),
    user: [flags.user, env.TOPO_USER].find(present),
    password: [flags.password, env.TOPO_PASSWORD].find(present),
    amqpUrl: splitUrlList([flags.amqpUrl, env.TOPO_AMQP_URL].find(present) ?? ''),
    timeoutMs: flags.timeout,
    tlsFiles,
    tls: {
      ...(tlsFiles.caCert ? { ca: readTlsFile('--ca-cert', tlsFiles.caCert) } : {}),
      ...(tlsFiles.clientCert ? { cert: readTlsFile('--client-cert', tlsFiles.clientCert) } : {}),
      ...(tlsFiles.clientKey ? { key: readTlsFile('--client-key', tlsFiles.clientKey) } : {}),
      rejectUnauthorized: !flags.insecure,
    },
    sources: { urls: urls.source, amqpUrl: amqpSource },
  });
}

/**
 * The URLs of a comma-separated list. A piece without a scheme that holds an `@` is the rest
 * of a password cut at the commas it holds: it is joined back to the pieces since the last
 * URL with a scheme, so that this URL is refused whole (commas in a password must be
 * percent-encoded) rather than part of a password becoming a host or a user name.
 */
export function splitUrlList(list: string): string[] {
  const urls: string[] = [];
  let lastWithScheme = 0;
  for (const piece of list.split(',')) {
    if (piece.includes('://')) lastWithScheme = urls.length;
    if (!piece.includes('://') && piece.includes('@') && urls.length > 0) {
      urls.push(urls.splice(lastWithScheme).concat(piece).join(','));
    } else {
      urls.push(piece);
    }
  }
  return urls.map((u) => u.trim()).filter((u) => u !== '');
}

function readTlsFile(flag: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new TopoError('file', `cannot read ${flag} file "${path}": ${fileErrorReason(error)}`);
  }
}
