import { connect, credentials, type ChannelModel } from 'amqplib';
import { TopoError } from '../errors.js';
import type { Connection } from './connection.js';

/**
 * Opens an AMQP connection (amqplib) to `conn.amqpUrl`, in `vhost` when given (otherwise the
 * URL's own vhost, or `/`). Credentials travel as a SASL PLAIN mechanism, never inside a URL
 * string; amqps uses the connection's TLS files. Failure is one `TopoError('amqp', …)` line
 * without credentials (`Connection.redact`). The caller owns the returned model: it closes
 * it, and listens for its `error` event (an unhandled one would end the process).
 */
export async function connectAmqp(conn: Connection, vhost?: string): Promise<ChannelModel> {
  const url = new URL(conn.amqpUrl);
  if (vhost !== undefined) url.pathname = `/${encodeURIComponent(vhost)}`;
  const target = url.toString();
  const auth = conn.amqpAuth();
  const tls = url.protocol === 'amqps:' ? conn.tlsOptions() : {};
  try {
    return await connect(target, {
      ...tls,
      credentials: credentials.plain(auth.user, auth.password),
      timeout: conn.timeoutMs,
      clientProperties: { connection_name: 'topo' },
    });
  } catch (error) {
    const where = vhost === undefined ? target : `${target} (vhost "${vhost}")`;
    // The target holds no credentials; amqplib's reason may quote what it was given. (Only the
    // reason: a user named like the password, guest/guest, must still be named.)
    throw new TopoError('amqp', `cannot connect over AMQP to ${where} as user "${auth.user}": ${conn.redact(reason(error))}`);
  }
}

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // amqplib drops the broker's text when it refuses connection.open, which it does for a
  // vhost that is missing or that the user has no permissions on.
  if (/Expected ConnectionOpenOk; got <ConnectionClose/.test(message)) {
    return 'the broker refused to open the vhost (it does not exist, or the user has no permissions on it)';
  }
  return message.replace(/\s+/g, ' ').trim();
}
