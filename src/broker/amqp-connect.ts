import { connect, credentials, type ChannelModel } from 'amqplib';
import { TopoError } from '../errors.js';
import { AmqpConnectError, describeAmqpConnectFailure } from './amqp-connect-error.js';
import type { AmqpEndpoint } from './amqp-endpoints.js';
import type { AmqpTarget } from './amqp-target.js';
import type { Connection } from './connection.js';

/** An open AMQP connection and the endpoint that accepted it. */
export interface AmqpSession {
  model: ChannelModel;
  endpoint: AmqpEndpoint;
}

/**
 * Opens an AMQP connection (amqplib), in `vhost` when given (otherwise the URL's own vhost, or
 * `/`), to the first endpoint that accepts it: `target`'s endpoints, or else `conn.amqpUrls`.
 * An endpoint that cannot be reached (refused, reset, timed out, not speaking AMQP) is
 * skipped for the next; a broker that refuses the login or the vhost is not (every node of a
 * cluster would say the same). With `target.clusterName`, a server reporting another
 * `cluster_name` is closed and refused: topo never takes a lock on, or counts the messages
 * of, a broker other than the one it changes. Credentials travel as a SASL PLAIN mechanism,
 * never inside a URL string; amqps uses the connection's TLS files. Failure is one
 * `AmqpConnectError` line (a `TopoError('amqp')` that also says what kind of failure) without
 * credentials (`Connection.redact`). The caller owns the
 * returned model: it closes it, and listens for its `error` event (an unhandled one would end
 * the process).
 */
export async function openAmqp(conn: Connection, vhost?: string, target?: AmqpTarget): Promise<AmqpSession> {
  const endpoints = target?.endpoints ?? conn.amqpUrls.map((url) => ({ url }));
  const auth = conn.amqpAuth();
  const failures: string[] = [];
  const targets: string[] = [];
  for (const endpoint of endpoints) {
    const url = new URL(endpoint.url);
    if (vhost !== undefined) url.pathname = `/${encodeURIComponent(vhost)}`;
    const where = url.toString();
    targets.push(where);
    let model: ChannelModel;
    try {
      model = await connect(where, {
        ...(url.protocol === 'amqps:' ? conn.tlsOptions() : {}),
        credentials: credentials.plain(auth.user, auth.password),
        timeout: conn.timeoutMs,
        clientProperties: { connection_name: 'topo' },
      });
    } catch (error) {
      // The target holds no credentials; amqplib's text may quote what it was given. (Only that
      // text: a user named like the password, guest/guest, must still be named.)
      const { failure, reason } = describeAmqpConnectFailure(error, (text) => conn.redact(text));
      // A login or a vhost every node of a cluster refuses alike: no point trying the next.
      if (failure === 'auth' || failure === 'vhost') throw connectError([where], vhost, auth.user, reason, failure);
      failures.push(endpoints.length > 1 ? `${where}: ${reason}` : reason);
      continue;
    }
    const reported = model.connection.serverProperties.cluster_name;
    if (target?.clusterName !== undefined && typeof reported === 'string' && reported !== target.clusterName) {
      await model.close().catch(() => undefined);
      throw new TopoError(
        'amqp',
        `the AMQP server at ${endpoint.url} belongs to cluster "${reported}", not to cluster "${target.clusterName}" ` +
          `that the management API at ${target.managementUrl} manages; point --amqp-url (or TOPO_AMQP_URL) at its nodes`,
      );
    }
    return { model, endpoint };
  }
  throw connectError(targets, vhost, auth.user, failures.join('; '), 'unreachable');
}

/** `openAmqp`, for callers that need only the connection. */
export async function connectAmqp(conn: Connection, vhost?: string, target?: AmqpTarget): Promise<ChannelModel> {
  return (await openAmqp(conn, vhost, target)).model;
}

function connectError(
  targets: string[],
  vhost: string | undefined,
  user: string,
  why: string,
  failure: AmqpConnectError['failure'],
): AmqpConnectError {
  const where = `${targets.length > 1 ? `any of ${targets.join(', ')}` : (targets[0] ?? 'no AMQP URL')}${vhost === undefined ? '' : ` (vhost "${vhost}")`}`;
  return new AmqpConnectError(where, user, why, failure);
}
