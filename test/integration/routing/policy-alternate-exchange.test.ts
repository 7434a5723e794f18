/**
 * Alternate exchanges set by policies: the simulator picks the same one as the broker (the
 * exchange's own argument wins; otherwise the highest-priority matching policy decides).
 */
import { connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRoutes } from '../../../src/routing/route-table.js';
import { route } from '../../../src/routing/route.js';
import type { Exchange, Policy, Queue, Topology } from '../../../src/model/topology.js';
import { AMQP_URL, enc, mgmt, scratchVhost } from '../../support/broker.js';

let vhost: { name: string; dispose: () => Promise<void> };
beforeAll(async () => {
  vhost = await scratchVhost('routing-policy-ae');
});
afterAll(async () => {
  await vhost.dispose();
});

function topologyIn(name: string): Topology {
  const exchange = (n: string, type: string, args: Exchange['arguments'] = {}): Exchange => ({
    vhost: name, name: n, type, durable: false, autoDelete: false, internal: false, arguments: args,
  });
  const queue = (n: string): Queue => ({
    vhost: name, name: n, type: 'classic', durable: false, autoDelete: false, exclusive: false, serverNamed: false, arguments: {},
  });
  const policy = (n: string, priority: number, ae: string, applyTo: Policy['applyTo']): Policy => ({
    vhost: name, name: n, pattern: '^events\\.', applyTo, priority, definition: { 'alternate-exchange': ae },
  });
  return {
    vhosts: [
      {
        name,
        exchanges: [
          exchange('events.a', 'direct'),
          exchange('events.b', 'direct', { 'alternate-exchange': 'own' }),
          exchange('own', 'fanout'),
          exchange('low', 'fanout'),
          exchange('high', 'fanout'),
          exchange('queues-only', 'fanout'),
        ],
        queues: [queue('q-own'), queue('q-low'), queue('q-high'), queue('q-queues-only')],
        bindings: ['own', 'low', 'high', 'queues-only'].map((x) => ({
          vhost: name, source: x, destination: `q-${x}`, destinationType: 'queue' as const, routingKey: '', arguments: {},
        })),
        policies: [policy('low', 1, 'low', 'exchanges'), policy('high', 5, 'high', 'all'), policy('queues-only', 9, 'queues-only', 'queues')],
        operatorPolicies: [],
        ignore: [],
      },
    ],
    tests: [],
  };
}

async function exchangePolicy(name: string, exchange: string): Promise<string | undefined> {
  const x = await mgmt<{ policy?: string }>('GET', `/exchanges/${enc(name)}/${enc(exchange)}`);
  return x.policy;
}

describe('alternate exchanges from policies', () => {
  it('route to the same queues as the broker', async () => {
    const topology = topologyIn(vhost.name);
    const url = new URL(AMQP_URL);
    url.pathname = `/${encodeURIComponent(vhost.name)}`;
    const connection = await connect(url.toString());
    try {
      const channel = await connection.createConfirmChannel();
      const spec = topology.vhosts[0]!;
      for (const x of spec.exchanges) {
        const ae = x.arguments['alternate-exchange'];
        await channel.assertExchange(x.name, x.type, { durable: false, ...(typeof ae === 'string' ? { alternateExchange: ae } : {}) });
      }
      for (const q of spec.queues) await channel.assertQueue(q.name, { durable: false });
      for (const b of spec.bindings) await channel.bindQueue(b.destination, b.source, b.routingKey);
      for (const p of spec.policies) {
        await mgmt('PUT', `/policies/${enc(vhost.name)}/${enc(p.name)}`, {
          pattern: p.pattern, definition: p.definition, priority: p.priority, 'apply-to': p.applyTo,
        });
      }
      // Policies reach exchanges asynchronously: wait until the broker reports them applied.
      for (const x of ['events.a', 'events.b']) {
        while ((await exchangePolicy(vhost.name, x)) !== 'high') await new Promise((r) => setTimeout(r, 50));
      }

      const table = compileRoutes(topology, vhost.name);
      for (const [i, exchange] of ['events.a', 'events.b'].entries()) {
        channel.publish(exchange, 'unroutable', Buffer.from(''), { messageId: String(i) });
      }
      await channel.waitForConfirms();
      const landed: Record<string, string[]> = {};
      for (const q of spec.queues) {
        for (let m = await channel.get(q.name, { noAck: true }); m; m = await channel.get(q.name, { noAck: true })) {
          (landed[String(m.properties.messageId)] ??= []).push(q.name);
        }
      }
      const simulated = ['events.a', 'events.b'].map((exchange) => route(table, { exchange, routingKey: 'unroutable' }).queues);
      expect(simulated).toEqual([landed['0'] ?? [], landed['1'] ?? []]);
      expect(simulated).toEqual([['q-high'], ['q-own']]);
    } finally {
      await connection.close();
    }
  });
});
