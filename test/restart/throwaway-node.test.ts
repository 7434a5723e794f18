/**
 * The restart tier restarts its own throwaway node, never the broker the other tests (and the
 * other engineers on this machine) share.
 */
import amqp from 'amqplib';
import { describe, expect, it } from 'vitest';
import { AMQP_URL, mgmt } from '../support/broker.js';
import { restartBroker } from './support/restart-broker.js';

const closed = (conn: amqp.ChannelModel) => new Promise<boolean>((resolve) => conn.once('close', () => resolve(true)));

describe('the restart tier', () => {
  it('talks to the throwaway node, not to the shared broker', async () => {
    const overview = await mgmt<{ node: string }>('GET', '/overview');
    expect(overview.node).toBe('topo-throwaway@127.0.0.1');
    expect(new URL(AMQP_URL).port).not.toBe(new URL(process.env.TOPO_SHARED_AMQP_URL ?? '').port || '5672');
  });

  it('restarts the throwaway node while a connection to the shared broker stays open', async () => {
    const shared = await amqp.connect(process.env.TOPO_SHARED_AMQP_URL ?? '');
    const throwaway = await amqp.connect(AMQP_URL);
    shared.on('error', () => undefined);
    throwaway.on('error', () => undefined);
    const throwawayClosed = closed(throwaway);
    let sharedClosed = false;
    shared.once('close', () => (sharedClosed = true));
    try {
      await restartBroker('/');
      expect(await throwawayClosed).toBe(true);
      // The shared connection still works: a round trip on a fresh channel.
      const channel = await shared.createChannel();
      await channel.checkExchange('amq.direct');
      expect(sharedClosed).toBe(false);
    } finally {
      await shared.close().catch(() => undefined);
    }
  });
});
