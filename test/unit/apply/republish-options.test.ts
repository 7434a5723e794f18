import type { MessageProperties } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { republishOptions } from '../../../src/apply/republish-options.js';

const none: MessageProperties = {
  contentType: undefined,
  contentEncoding: undefined,
  headers: undefined,
  deliveryMode: undefined,
  priority: undefined,
  correlationId: undefined,
  replyTo: undefined,
  expiration: undefined,
  messageId: undefined,
  timestamp: undefined,
  type: undefined,
  userId: undefined,
  appId: undefined,
  clusterId: undefined,
};

describe('republishOptions', () => {
  it('copies every property a publisher sets, mandatory so that a copy cannot vanish', () => {
    const death = { count: 1, reason: 'expired', queue: 'q', time: { '!': 'timestamp', value: 1 }, exchange: '', 'routing-keys': ['q'] } as const;
    // Every property but the headers, with a value a publisher might set.
    const set = {
      contentType: 'application/json',
      contentEncoding: 'gzip',
      deliveryMode: 2,
      priority: 7,
      correlationId: 'c',
      replyTo: 'r',
      expiration: '60000',
      messageId: 'm',
      timestamp: 1700000000,
      type: 't',
      userId: 'topo',
      appId: 'a',
    };
    const headers = { tenant: 'acme', 'x-death': [{ ...death, 'routing-keys': [...death['routing-keys']] }] };
    const properties: MessageProperties = { ...none, ...set, headers };
    expect(Object.keys(none).filter((key) => !(key in set) && key !== 'headers'), 'set leaves out only these').toEqual(['clusterId']);
    expect(republishOptions(properties, 'topo')).toEqual({ mandatory: true, ...set, headers });
  });

  it('keeps a transient message transient and adds nothing to a bare one', () => {
    expect(republishOptions({ ...none, deliveryMode: 1 }, 'topo')).toEqual({ mandatory: true, deliveryMode: 1 });
    expect(republishOptions(none, 'topo')).toEqual({ mandatory: true });
  });

  it("drops the old queue's delivery counts, CC and BCC, and a user id the broker would refuse", () => {
    const properties = { ...none, userId: 'alice', headers: { 'x-delivery-count': 3, 'x-acquired-count': 4, CC: ['audit'], BCC: ['x'], keep: true } };
    expect(republishOptions(properties, 'topo')).toEqual({ mandatory: true, headers: { keep: true } });
    expect(republishOptions({ ...none, headers: { 'x-delivery-count': 0 } }, 'topo')).toEqual({ mandatory: true });
  });
});
