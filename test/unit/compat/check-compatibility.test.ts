import { describe, expect, it } from 'vitest';
import type { BrokerTarget } from '../../../src/compat/broker-target.js';
import { parseBrokerVersion } from '../../../src/compat/broker-version.js';
import { checkCompatibility } from '../../../src/compat/check-compatibility.js';
import type { Vhost } from '../../../src/model/topology.js';
import { bind, exchange, policy, queue, topology, vhost } from '../../support/builders.js';

/** The target of a version, and optionally the deprecated features the broker permits. */
function target(version?: string, permitted?: Record<string, boolean>): BrokerTarget {
  return {
    ...(version === undefined ? {} : { version: parseBrokerVersion(version)! }),
    ...(permitted === undefined ? {} : { permitted: new Map(Object.entries(permitted)) }),
  };
}

/** `severity: message` of every problem of one vhost. */
function problems(v: Partial<Vhost>, on: BrokerTarget): string[] {
  return checkCompatibility(topology(vhost(v)), on).map((p) => `${p.severity}: ${p.message}`);
}

describe('checkCompatibility', () => {
  it('finds nothing in a plain topology, whatever the version', () => {
    const plain = {
      exchanges: [exchange({ name: 'logs', type: 'topic' })],
      queues: [queue({ name: 'q', arguments: { 'x-queue-version': 2 } }), queue({ name: 'o', type: 'quorum', arguments: { 'x-delivery-limit': -1 } })],
      bindings: [bind('logs', 'q', '#.#')],
      policies: [policy({ definition: { 'max-length': 5 } })],
    };
    for (const version of [undefined, '3.10.8', '3.13', '4.0.0', '4.3.6']) expect(problems(plain, target(version))).toEqual([]);
  });

  // What a version before the one it needs refuses (or ignores), and the versions it is fine for.
  const needsVersion: { what: string; spec: Partial<Vhost>; refusedBy: string; refusal: string; fineFor: (string | undefined)[] }[] = [
    {
      what: 'a vhost default queue type',
      spec: { defaultQueueType: 'quorum' },
      // 3.10's HTTP API ignores it.
      refusedBy: '3.10.8',
      refusal:
        'error: vhost "/": defaultQueueType needs RabbitMQ 3.11 or later: 3.10.8 ignores it when set through its HTTP API (set it with rabbitmqctl add_vhost --default-queue-type, and leave it out of the spec)',
      fineFor: [undefined, '3.11', '4.3.6'],
    },
    {
      what: 'the x-local-random exchange type',
      spec: { exchanges: [exchange({ name: 'pick', type: 'x-local-random' })] },
      refusedBy: '3.13.7',
      refusal: 'error: exchange "pick": exchange type x-local-random needs RabbitMQ 4.0 or later (3.13.7 does not know it)',
      fineFor: [undefined, '4.0.1'],
    },
    {
      what: 'a policy for one queue type',
      spec: { policies: [policy({ name: 'qq', applyTo: 'quorum_queues' })] },
      refusedBy: '3.10.8',
      refusal: 'error: policy "qq": applyTo quorum_queues needs RabbitMQ 3.12 or later (3.10.8 knows queues, exchanges and all)',
      fineFor: [undefined, '3.12.0'],
    },
  ];

  for (const { what, spec, refusedBy, refusal, fineFor } of needsVersion) {
    describe(what, () => {
      it(`is refused for ${refusedBy}`, () => {
        expect(problems(spec, target(refusedBy))).toEqual([refusal]);
      });
      it.each(fineFor)('is fine for %s', (version) => {
        expect(problems(spec, target(version))).toEqual([]);
      });
    });
  }

  describe('topic binding keys with more than two "#"', () => {
    const v = {
      exchanges: [exchange({ name: 't', type: 'topic' }), exchange({ name: 'd', type: 'direct' })],
      bindings: [bind('t', 'q', '#.a.#.b.#'), bind('amq.topic', 'q', '#.#.#'), bind('t', 'q', 'a#.#.#'), bind('d', 'q', '#.#.#')],
    };
    it('are refused from 4.3.5 on topic exchanges, amq.topic included; "a#" is no wildcard', () => {
      expect(problems(v, target('4.3.5'))).toEqual([
        'error: binding "amq.topic" -> "q": routing key "#.#.#" has 3 "#" wildcards; RabbitMQ 4.3.5 and later allow at most 2 in a topic binding key',
        'error: binding "t" -> "q": routing key "#.a.#.b.#" has 3 "#" wildcards; RabbitMQ 4.3.5 and later allow at most 2 in a topic binding key',
      ]);
    });
    it('are refused for "4.3", any release of which may be 4.3.5 or later', () => {
      expect(problems(v, target('4.3'))).toHaveLength(2);
    });
    it.each(['4.3.4', '3.10.8', undefined])('are fine for %s', (version) => {
      expect(problems(v, target(version))).toEqual([]);
    });
  });

  describe('classic queue storage', () => {
    const v = {
      queues: [queue({ name: 'v1', arguments: { 'x-queue-version': 1 } }), queue({ name: 'lazy', arguments: { 'x-queue-mode': 'lazy' } })],
      policies: [policy({ name: 'old', definition: { 'queue-version': 1, 'queue-mode': 'lazy' } })],
    };
    it('refuses x-queue-version 1 from 4.3, and warns of what has no effect', () => {
      expect(problems(v, target('4.3.6'))).toEqual([
        'warning: queue "lazy": x-queue-mode has no effect from RabbitMQ 3.12 on (classic queues always keep messages on disk); remove it',
        'error: queue "v1": x-queue-version 1 is refused by RabbitMQ 4.3 and later (classic queues v1 were removed); remove it, or use 2',
        'warning: policy "old": queue-version 1 has no effect from RabbitMQ 4.0 on (classic queues v1 were removed)',
        'warning: policy "old": queue-mode has no effect from RabbitMQ 3.12 on (classic queues always keep messages on disk)',
      ]);
    });
    it('only warns of x-queue-version 1 on 4.0 to 4.2', () => {
      expect(problems(v, target('4.2.1'))[1]).toBe(
        'warning: queue "v1": x-queue-version 1 has no effect from RabbitMQ 4.0 on (classic queues v1 were removed), and 4.3 refuses it',
      );
    });
    it.each(['3.10.8', '3.11', undefined])('is fine for %s', (version) => {
      expect(problems(v, target(version))).toEqual([]);
    });
  });

  describe('queue locators', () => {
    const v = {
      queues: [queue({ name: 'm', arguments: { 'x-queue-master-locator': 'min-masters' } }), queue({ name: 'l', arguments: { 'x-queue-leader-locator': 'balanced' } })],
      policies: [policy({ name: 'loc', definition: { 'queue-master-locator': 'client-local' } })],
    };
    it('refuses the master locator where queue_master_locator is denied: by 4.3\'s default, or as the broker says', () => {
      const refused = [
        'error: queue "m": x-queue-master-locator is refused by RabbitMQ 4.3.6 (the deprecated feature queue_master_locator is denied); use x-queue-leader-locator (client-local or balanced)',
        'error: policy "loc": queue-master-locator is refused by RabbitMQ 4.3.6 (the deprecated feature queue_master_locator is denied); use x-queue-leader-locator (client-local or balanced)',
      ];
      expect(problems(v, target('4.3.6'))).toEqual(refused);
      expect(problems(v, target('4.3.6', { queue_master_locator: false }))).toEqual(refused);
    });
    it('warns of the master locator where it is permitted: 4.0 to 4.2, or a broker configured to', () => {
      const warned = problems(v, target('4.3.6', { queue_master_locator: true }));
      expect(warned).toEqual(problems(v, target('4.1.0')));
      expect(warned).toEqual([
        'warning: queue "m": x-queue-master-locator is deprecated from RabbitMQ 4.0 on, and refused from 4.3 unless deprecated_features.permit.queue_master_locator = true; use x-queue-leader-locator',
        'warning: policy "loc": queue-master-locator is deprecated from RabbitMQ 4.0 on, and refused from 4.3 unless deprecated_features.permit.queue_master_locator = true; use x-queue-leader-locator',
      ]);
    });
    it('refuses a leader locator on a classic queue before 4.0', () => {
      expect(problems(v, target('3.10.8'))).toEqual([
        'error: queue "l": x-queue-leader-locator on a classic queue needs RabbitMQ 4.0 or later (3.10.8 accepts it on quorum queues and streams only)',
      ]);
      expect(problems({ queues: [queue({ type: 'quorum', arguments: { 'x-queue-leader-locator': 'balanced' } })] }, target('3.10.8'))).toEqual([]);
    });
  });

  describe('classic queue mirroring (ha-* policy keys)', () => {
    const v = {
      policies: [policy({ name: 'ha', definition: { 'ha-mode': 'all', 'ha-sync-mode': 'automatic', 'max-length': 1 } })],
      operatorPolicies: [policy({ name: 'op', definition: { 'ha-mode': 'exactly', 'ha-params': 2 } })],
    };
    it('is refused from 4.0', () => {
      expect(problems(v, target('4.0.1'))).toEqual([
        'error: policy "ha": ha-mode, ha-sync-mode: classic queue mirroring was removed in RabbitMQ 4.0, which refuses these keys; use quorum queues or streams',
        'error: operator policy "op": ha-mode, ha-params: classic queue mirroring was removed in RabbitMQ 4.0, which refuses these keys; use quorum queues or streams',
      ]);
    });
    it.each(['3.10.8', undefined])('is deprecated for %s', (version) => {
      expect(problems(v, target(version)).every((p) => p.startsWith('warning: ') && p.includes('classic queue mirroring is deprecated'))).toBe(true);
      expect(problems(v, target(version))).toHaveLength(2);
    });
  });

  describe('transient non-exclusive queues', () => {
    const v = {
      queues: [
        queue({ name: 'tmp', durable: false }),
        queue({ name: 'tmp-ad', durable: false, autoDelete: true }),
        queue({ name: 'mine', durable: false, exclusive: true }),
      ],
    };
    it('are deprecated everywhere (a warning, without version too)', () => {
      const warning = 'a queue that is neither durable nor exclusive is deprecated, and denied by default from RabbitMQ 4.3 on; make it durable (with x-expires to clean it up) or exclusive';
      for (const version of [undefined, '3.10.8', '4.3']) {
        expect(problems(v, target(version))).toEqual([`warning: queue "tmp": ${warning}`, `warning: queue "tmp-ad": ${warning}`]);
      }
      expect(problems(v, target('4.3.6', { transient_nonexcl_queues: true }))).toHaveLength(2);
    });
    it('are refused by a broker that says it denies them', () => {
      expect(problems(v, target('4.3.0', { transient_nonexcl_queues: false }))[0]).toBe(
        'error: queue "tmp": a queue that is neither durable nor exclusive is refused by RabbitMQ 4.3.0 (the deprecated feature transient_nonexcl_queues is denied); make it durable (with x-expires to clean it up) or exclusive',
      );
    });
  });

  it('names each problem\'s object by kind and identity key, and keeps its location', () => {
    const loc = { file: 'spec.yaml', line: 3, col: 5 };
    const [problem] = checkCompatibility(topology(vhost({ name: 'shop', queues: [queue({ name: 'tmp', durable: false, loc })] })), {});
    expect(problem).toEqual({
      severity: 'warning',
      message: expect.stringMatching(/^queue "tmp": /),
      loc,
      subject: { kind: 'queue', key: 'shop\u0000tmp' },
    });
  });
});
