import type { MessageProperties, Options } from 'amqplib';

/**
 * Headers a copy must not carry. `x-delivery-count` and `x-acquired-count` describe deliveries
 * from the queue the message leaves (RabbitMQ 3.x quorum queues add `x-delivery-count: 0` to
 * every delivery): the new queue counts its own. `CC` and `BCC` would route the copy again to
 * the queues they name (sender-selected distribution applies to every publish).
 */
const DROPPED_HEADERS: ReadonlySet<string> = new Set(['x-delivery-count', 'x-acquired-count', 'CC', 'BCC']);

/**
 * The publish options that copy a delivered message's properties onto its republished copy:
 * content type and encoding, headers (without `DROPPED_HEADERS`), delivery mode (persistent
 * stays persistent), priority, correlation id, reply-to, expiration, message id, timestamp,
 * type, app id, and user id when it is `user`'s (RabbitMQ refuses a publish whose user id is
 * not the publisher's). `mandatory`, so that a copy that reaches no queue comes back instead
 * of vanishing. Pure; absent properties stay absent.
 */
export function republishOptions(properties: MessageProperties, user: string): Options.Publish {
  const out: Options.Publish = { mandatory: true };
  const copy = <K extends keyof Options.Publish>(key: K, value: Options.Publish[K] | undefined): void => {
    if (value !== undefined && value !== null) out[key] = value;
  };
  copy('contentType', properties.contentType);
  copy('contentEncoding', properties.contentEncoding);
  copy('headers', keptHeaders(properties.headers));
  copy('deliveryMode', properties.deliveryMode);
  copy('priority', properties.priority);
  copy('correlationId', properties.correlationId);
  copy('replyTo', properties.replyTo);
  copy('expiration', properties.expiration);
  copy('messageId', properties.messageId);
  copy('timestamp', properties.timestamp);
  copy('type', properties.type);
  copy('appId', properties.appId);
  if (properties.userId === user) out.userId = user;
  return out;
}

function keptHeaders(headers: MessageProperties['headers']): Options.Publish['headers'] {
  if (!headers) return undefined;
  const kept = Object.entries(headers).filter(([name]) => !DROPPED_HEADERS.has(name));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}
