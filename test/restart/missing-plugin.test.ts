/**
 * Shovels and federation upstreams on a broker without their plugins: the throwaway node of
 * this tier runs the management plugin only (the shared brokers have them all, and disabling
 * them there would break the tests beside these).
 */
import { describe, expect, it } from 'vitest';
import { q, testScope } from '../integration/apply/support.js';
import { topoWith } from '../integration/access/support.js';
import { mgmt } from '../support/broker.js';

const scope = testScope();

describe('a broker without the shovel and federation plugins', () => {
  it('is named in the plan, with the command that enables each plugin, and apply changes nothing', { timeout: 60_000 }, async () => {
    const vhost = await scope.scratch('missing-plugin');
    const dir = await scope.files();
    const spec = await dir.file(
      'spec.yaml',
      `vhosts:
  ${q(vhost)}:
    queues:
      inbox: {}
    shovels:
      drain: { source: { uri: "\${env:SRC_URI}", queue: inbox }, destination: { uri: "\${env:SRC_URI}", queue: outbox } }
    federationUpstreams:
      dc2: { uri: "\${env:SRC_URI}" }
`,
    );
    const env = { SRC_URI: 'amqp://' };
    const plan = await topoWith(env, ['plan', spec]);
    const output = plan.stdout + plan.stderr;
    expect(plan.code).toBe(1);
    expect(output).toMatch(/needs the rabbitmq_shovel plugin, which .* does not have enabled \(rabbitmq-plugins enable rabbitmq_shovel\)/);
    expect(output).toMatch(/needs the rabbitmq_federation plugin, which .* does not have enabled \(rabbitmq-plugins enable rabbitmq_federation\)/);

    expect((await topoWith(env, ['apply', spec, '--yes'])).code).toBe(1);
    const queues = await mgmt<{ name: string }[]>('GET', `/queues/${encodeURIComponent(vhost)}?columns=name`);
    expect(queues).toEqual([]);
  });
});
