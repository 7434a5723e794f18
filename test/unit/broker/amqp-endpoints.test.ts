import { describe, expect, it } from 'vitest';
import { amqpEndpoints } from '../../../src/broker/amqp-endpoints.js';
import type { Listener } from '../../../src/broker/overview.js';

const listener = (node: string, protocol: string, ip: string, port: number): Listener => ({ node, protocol, ip_address: ip, port });

// The local test cluster: every listener bound to its node's own loopback address.
const BOUND = [
  listener('topo-c1@127.0.1.1', 'amqp', '127.0.1.1', 5681),
  listener('topo-c2@127.0.1.2', 'amqp', '127.0.1.2', 5682),
  listener('topo-c3@127.0.1.3', 'amqp', '127.0.1.3', 5683),
  listener('topo-c1@127.0.1.1', 'clustering', '127.0.1.1', 25681),
  listener('topo-c1@127.0.1.1', 'http', '::', 15681),
  listener('topo-c2@127.0.1.2', 'http', '::', 15682),
  listener('topo-c3@127.0.1.3', 'http', '::', 15683),
];

// A usual deployment: every node on its own host, same ports, listening on every interface.
const WILDCARD = ['rabbit@mq-a', 'rabbit@mq-b', 'rabbit@mq-c'].flatMap((node) => [
  listener(node, 'amqp', '::', 5672),
  listener(node, 'http', '::', 15672),
]);

// One node with a TLS and a plain listener on IPv6, one with a plain one on IPv4.
const TLS_AND_PLAIN = [
  listener('rabbit@a', 'amqp', 'fd00::1', 5672),
  listener('rabbit@a', 'amqp/ssl', 'fd00::1', 5671),
  listener('rabbit@b', 'amqp', '10.0.0.2', 5672),
];

const cases: { proves: string; input: Parameters<typeof amqpEndpoints>[0]; endpoints: { url: string; node: string }[] }[] = [
  {
    proves: 'gives one URL per node, the node that answered first, at the addresses the listeners are bound to',
    input: {
      listeners: BOUND,
      managementUrls: ['http://127.0.1.2:15682'],
      answeredBy: { node: 'topo-c2@127.0.1.2', base: 'http://127.0.1.2:15682' },
    },
    endpoints: [
      { url: 'amqp://127.0.1.2:5682', node: 'topo-c2@127.0.1.2' },
      { url: 'amqp://127.0.1.1:5681', node: 'topo-c1@127.0.1.1' },
      { url: 'amqp://127.0.1.3:5683', node: 'topo-c3@127.0.1.3' },
    ],
  },
  {
    proves: 'reaches a wildcard listener at the host of the management URL that answered as that node',
    input: { listeners: WILDCARD, managementUrls: ['http://10.0.0.7:15672'], answeredBy: { node: 'rabbit@mq-b', base: 'http://10.0.0.7:15672' } },
    // The others: by their node names' hosts (every node uses port 15672, so ports tell nothing).
    endpoints: [
      { url: 'amqp://10.0.0.7:5672', node: 'rabbit@mq-b' },
      { url: 'amqp://mq-a:5672', node: 'rabbit@mq-a' },
      { url: 'amqp://mq-c:5672', node: 'rabbit@mq-c' },
    ],
  },
  {
    proves: 'maps a wildcard listener to the management URL whose port only that node uses',
    input: {
      listeners: [
        listener('rabbit@n1', 'amqp', '0.0.0.0', 5681),
        listener('rabbit@n1', 'http', '::', 15681),
        listener('rabbit@n2', 'amqp', '0.0.0.0', 5682),
        listener('rabbit@n2', 'http', '::', 15682),
      ],
      managementUrls: ['http://localhost:15681', 'http://127.0.0.1:15682'],
    },
    endpoints: [
      { url: 'amqp://localhost:5681', node: 'rabbit@n1' },
      { url: 'amqp://127.0.0.1:5682', node: 'rabbit@n2' },
    ],
  },
  {
    proves: 'prefers TLS listeners when the management API is reached over https, and brackets IPv6 addresses',
    input: { listeners: TLS_AND_PLAIN, managementUrls: ['https://a:15671'] },
    endpoints: [
      { url: 'amqps://[fd00::1]:5671', node: 'rabbit@a' },
      { url: 'amqp://10.0.0.2:5672', node: 'rabbit@b' },
    ],
  },
  {
    proves: 'takes the plain AMQP listener when the management API is reached over http',
    input: { listeners: TLS_AND_PLAIN, managementUrls: ['http://a:15672'] },
    endpoints: [
      { url: 'amqp://[fd00::1]:5672', node: 'rabbit@a' },
      { url: 'amqp://10.0.0.2:5672', node: 'rabbit@b' },
    ],
  },
  {
    proves: 'gives nothing for a broker without AMQP listeners',
    input: { listeners: [listener('rabbit@a', 'http', '::', 15672)], managementUrls: ['http://a:15672'] },
    endpoints: [],
  },
];

describe('amqpEndpoints', () => {
  for (const { proves, input, endpoints } of cases) {
    it(proves, () => {
      expect(amqpEndpoints(input)).toEqual(endpoints);
    });
  }
});
