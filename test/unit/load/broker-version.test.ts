import { describe, expect, it } from 'vitest';
import { validateSpecSources, type CompatibilityOptions } from '../../../src/load/validate-spec-sources.js';
import { lines } from './spec-helpers.js';

const validate = (text: string, options: CompatibilityOptions = {}, files: Record<string, string> = {}) =>
  validateSpecSources(
    Object.entries({ 'spec.yaml': text, ...files }).map(([file, text]) => ({ file, text })),
    { vars: {}, env: {} },
    undefined,
    options,
  );

const spec = `vhosts:
  shop:
    defaultQueueType: quorum
    exchanges:
      events: { type: topic }
    bindings:
      - { source: events, destination: all, routingKey: "#.#.#" }
    queues:
      all: {}
      scratch: { durable: false }
`;

describe('validating for a RabbitMQ version', () => {
  it('without a version, reports only what every version deprecates', () => {
    const result = validate(spec);
    expect(result.ok).toBe(true);
    expect(lines(result)).toEqual([
      'spec.yaml:10:7: warning: queue "scratch": a queue that is neither durable nor exclusive is deprecated, and denied by default from RabbitMQ 4.3 on; make it durable (with x-expires to clean it up) or exclusive',
    ]);
  });

  it('reports what the spec\'s brokerVersion refuses, at the object', () => {
    const result = validate(`brokerVersion: "4.3"\n${spec}`);
    expect(result.ok).toBe(false);
    expect(lines(result)).toEqual([
      'spec.yaml:8:9: binding "events" -> "all": routing key "#.#.#" has 3 "#" wildcards; RabbitMQ 4.3.5 and later allow at most 2 in a topic binding key',
      expect.stringMatching(/^spec\.yaml:11:7: warning: queue "scratch": /),
    ]);
  });

  it('checks against the version it is given instead of the spec\'s', () => {
    expect(lines(validate(`brokerVersion: "4.3"\n${spec}`, { brokerVersion: '3.10.8' }))[0]).toBe(
      'spec.yaml:3:3: vhost "shop": defaultQueueType needs RabbitMQ 3.11 or later: 3.10.8 ignores it when set through its HTTP API (set it with rabbitmqctl add_vhost --default-queue-type, and leave it out of the spec)',
    );
  });

  it('can leave the check to a later one against the broker', () => {
    const result = validate(`brokerVersion: "3.10"\n${spec}`, { check: false });
    expect(result.ok).toBe(true);
    expect(lines(result)).toEqual([]);
    expect(result.ok && result.topology.brokerVersion).toBe('3.10');
  });

  it('refuses a brokerVersion that is no version, and different ones in two files', () => {
    expect(lines(validate('brokerVersion: "4"\n'))).toEqual([
      'spec.yaml:1:16: brokerVersion must match ^[0-9]+\\.[0-9]+(\\.[0-9]+)?$, such as "4.3"',
    ]);
    expect(lines(validate('brokerVersion: "4.3"\n', {}, { 'z.yaml': 'brokerVersion: "4.2"\n' }))).toEqual([
      'z.yaml:1:16: brokerVersion "4.2" differs from "4.3" (first at spec.yaml:1:16)',
    ]);
  });
});
