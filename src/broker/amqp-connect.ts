import { connect, credentials, type ChannelModel } from 'amqplib';
import { AmqpConnectError, describeAmqpConnectFailure } from './amqp-connect-error.js';
import type { Connection } from './connection.js';

/**
 * Opens an AMQP connection (amqplib) to `conn.amqpUrl`, in `vhost` when given (otherwise the
 * URL's own vhost, or `/`). Credentials travel as a SASL PLAIN mechanism, never inside a URL
 * string; amqps uses the connection's TLS files. Failure is one `AmqpConnectError` line
 * (a `TopoError('amqp')` that also says what kind of failure) without credentials
 * (`Connection.redact`). The caller owns the returned model: it closes
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
    // The target holds no credentials; amqplib's text may quote what it was given. (Only that
    // text: a user named like the password, guest/guest, must still be named.)
    const { failure, reason } = describeAmqpConnectFailure(error, (text) => conn.redact(text));
    throw new AmqpConnectError(where, auth.user, reason, failure);
  }
}
