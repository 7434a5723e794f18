/**
 * What the broker under test refuses, topo refuses first: each case is applied to a new vhost,
 * and either topo refuses it before the first call (exit 1, located, the vhost never created)
 * or the broker takes it. Which one depends on the broker's version and deprecated features,
 * and the same predicate decides what the test expects, so on every broker of the matrix the
 * rules are checked against the real thing, both ways.
 */
import { describe, expect, it } from 'vitest';
import { isAtLeast, parseBrokerVersion } from '../../../src/compat/broker-version.js';
import { brokerSelf, deleteVhost, enc, mgmt, uniqueVhostName } from '../../support/broker.js';
import { q, testScope, topo } from '../apply/support.js';
import { isScratchFor, topo as topoLive, vhostNames } from '../live-test/support.js';
import { literal } from '../../support/literal-pattern.js';

const self = await brokerSelf();
const version = parseBrokerVersion(self.version)!;
const atLeast = (minimum: string) => isAtLeast(version, minimum);
/** Denied now, as the broker says (3.13+), else by the version's default. */
const denied = (feature: string, byDefaultFrom: string) => self.denied.get(feature) ?? atLeast(byDefaultFrom);

const scope = testScope();
const specFile = (text: string) => scope.specFile(text);

const vhostExists = async (vhost: string) =>
  (await mgmt<{ name: string }[]>('GET', '/vhosts?columns=name')).some((v) => v.name === vhost);

interface Case {
  title: string;
  /** The vhost's body in YAML, indented by 4; line 3 of the file is its first line. */
  body: string;
  refused: boolean;
  /** The located start of topo's message: `line:col: message start`. */
  message: string;
}

const cases: Case[] = [
  { title: 'a topic binding key with three "#" words', body: '    exchanges: { t: { type: topic } }\n    queues: { q: {} }\n    bindings:\n      - { source: t, destination: q, routingKey: "#.#.#" }\n', refused: atLeast('4.3.5'), message: '6:9: binding "t" -> "q": routing key "#.#.#" has 3 "#" wildcards' },
  { title: 'x-queue-version 1', body: '    queues:\n      v1: { arguments: { x-queue-version: 1 } }\n', refused: atLeast('4.3'), message: '4:7: queue "v1": x-queue-version 1 is refused' },
  { title: 'x-queue-master-locator', body: '    queues:\n      m: { arguments: { x-queue-master-locator: client-local } }\n', refused: denied('queue_master_locator', '4.3.0'), message: '4:7: queue "m": x-queue-master-locator is refused' },
  { title: 'a classic mirroring policy', body: '    policies:\n      ha: { pattern: "^ha\\\\.", definition: { ha-mode: all } }\n', refused: atLeast('4.0'), message: '4:7: policy "ha": ha-mode: classic queue mirroring was removed' },
  { title: 'a default queue type', body: '    defaultQueueType: quorum\n', refused: !atLeast('3.11'), message: '2:3: vhost "' },
  { title: 'an x-local-random exchange', body: '    exchanges: { pick: { type: x-local-random } }\n', refused: !atLeast('4.0'), message: '3:18: exchange "pick": exchange type x-local-random needs RabbitMQ 4.0' },
  { title: 'a policy for quorum queues only', body: '    policies:\n      qq: { pattern: "^qq\\\\.", applyTo: quorum_queues, definition: { max-length: 5 } }\n', refused: !atLeast('3.12'), message: '4:7: policy "qq": applyTo quorum_queues needs RabbitMQ 3.12' },
  { title: 'a leader locator on a classic queue', body: '    queues:\n      l: { arguments: { x-queue-leader-locator: client-local } }\n', refused: !atLeast('4.0'), message: '4:7: queue "l": x-queue-leader-locator on a classic queue needs RabbitMQ 4.0' },
  { title: 'a queue neither durable nor exclusive', body: '    queues:\n      tmp: { durable: false }\n', refused: denied('transient_nonexcl_queues', '99.0'), message: '4:7: queue "tmp": a queue that is neither durable nor exclusive is refused' },
];

describe(`what RabbitMQ ${self.version} refuses`, () => {
  it.each(cases)('$title: refused by topo before any call exactly when the broker refuses it', async ({ body, refused, message }) => {
    const vhost = uniqueVhostName('compat');
    scope.later(() => deleteVhost(vhost));
    const spec = await specFile(`vhosts:\n  ${q(vhost)}:\n${body}`);
    const plan = await topo(['plan', spec]);
    const apply = await topo(['apply', spec, '--yes']);
    if (refused) {
      for (const run of [plan, apply]) {
        expect(run.code).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.errors).toMatch(new RegExp(`^topo: ${literal(spec)}:${literal(message)}`, 'm'));
      }
      expect(await vhostExists(vhost)).toBe(false);
    } else {
      expect(apply.errors.split('\n').filter((line) => line !== '' && !line.includes(': warning: '))).toEqual([]);
      expect(apply.code).toBe(0);
      expect((await topo(['plan', spec, '--detailed-exitcode'])).code).toBe(0);
    }
  });

  it('warns of a transient queue, located, on standard error, and the plan goes on', async () => {
    const vhost = uniqueVhostName('compat-warn');
    scope.later(() => deleteVhost(vhost));
    const spec = await specFile(`vhosts:\n  ${q(vhost)}:\n    queues:\n      tmp: { durable: false }\n      ok: {}\n`);
    const plan = await topo(['plan', spec]);
    if (denied('transient_nonexcl_queues', '99.0')) return;
    expect(plan.code).toBe(0);
    expect(plan.errors).toBe(`${spec}:4:7: warning: queue "tmp": a queue that is neither durable nor exclusive is deprecated, and denied by default from RabbitMQ 4.3 on; make it durable (with x-expires to clean it up) or exclusive\n`);
    expect(plan.stdout).toContain('+ queue "tmp"');
  });

  it('lists the deprecated features the broker reports in use (3.13 and later), and says nothing of them before', async () => {
    const vhost = uniqueVhostName('compat-used');
    scope.later(() => deleteVhost(vhost));
    await mgmt('PUT', `/vhosts/${enc(vhost)}`, {});
    await mgmt('PUT', `/queues/${enc(vhost)}/transient`, { durable: false, auto_delete: false });
    const spec = await specFile(`vhosts:\n  ${q(vhost)}:\n    queues:\n      transient: { durable: false }\n`);
    const text = await topo(['plan', spec]);
    const json = JSON.parse((await topo(['plan', spec, '--json'])).stdout) as { broker: { version: string; deprecatedFeaturesUsed?: { name: string }[] } };
    expect(json.broker.version).toBe(self.version);
    if (atLeast('3.13')) {
      expect(json.broker.deprecatedFeaturesUsed?.map((f) => f.name)).toContain('transient_nonexcl_queues');
      expect(text.stdout).toMatch(new RegExp(`Deprecated features in use on the broker \\(RabbitMQ ${self.version.replaceAll('.', '\\.')}, anywhere on it\\):\\n(  .*\\n)*  transient_nonexcl_queues \\(permitted by default\\)`));
    } else {
      expect(json.broker.deprecatedFeaturesUsed).toBeUndefined();
      expect(text.stdout).not.toContain('Deprecated features');
    }
    expect(text.code).toBe(0);
  });

  it.runIf(!atLeast('4.0'))('refuses a live test of what the broker refuses before any scratch vhost exists', async () => {
    const spec = await specFile('vhosts:\n  lr:\n    exchanges: { pick: { type: x-local-random } }\n    queues: { a: {} }\n    bindings: [{ source: pick, destination: a }]\ntests:\n  - { exchange: pick, expect: [a] }\n');
    const run = await topoLive(['test', spec, '--live']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`topo: ${spec}:3:18: exchange "pick": exchange type x-local-random needs RabbitMQ 4.0`);
    expect((await vhostNames()).filter(isScratchFor('lr'))).toEqual([]);
  });
});
