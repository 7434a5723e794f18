import { describe, expect, it } from 'vitest';
import { checkCompatibility } from '../../../src/compat/check-compatibility.js';
import { parseBrokerVersion } from '../../../src/compat/broker-version.js';
import { exportableParameters } from '../../../src/export/exportable-parameters.js';
import { notExportedLine, type NotExported } from '../../../src/export/not-exported.js';
import { envPlaceholder } from '../../../src/export/export-document.js';
import { pluginParameterSpec, pluginParameterValue } from '../../../src/model/plugin-parameter-fields.js';
import type { Change } from '../../../src/plan/change.js';
import { diffGlobalParameters, diffVhostSettings } from '../../../src/plan/diff-settings.js';
import { planSteps } from '../../../src/plan/plan-steps.js';
import { redactParameterValue, revealParameterValue } from '../../../src/plan/redact-parameter.js';
import type { PluginParameter, Vhost } from '../../../src/model/topology.js';
import { vhost } from '../../support/builders.js';

const V = 'shop';
const SECRET = 'amqp://bob:s3cr%40t@dc2.example:5672/shop';

describe('shovel and federation upstream fields', () => {
  it('map a spec to RabbitMQ keys and back', () => {
    const spec = { source: { uri: 'amqp://', queue: 'a', prefetchCount: 10 }, destination: { uri: 'amqp://', exchange: 'x', exchangeKey: 'k' }, ackMode: 'on-publish' };
    const value = pluginParameterValue('shovel', spec);
    expect(value).toEqual({
      'ack-mode': 'on-publish', 'dest-exchange': 'x', 'dest-exchange-key': 'k', 'dest-uri': 'amqp://', 'src-prefetch-count': 10, 'src-queue': 'a', 'src-uri': 'amqp://',
    });
    expect(pluginParameterSpec('shovel', value)).toEqual({ spec });
    expect(pluginParameterValue('federationUpstream', { uri: 'amqp://', maxHops: 2, messageTtl: 5 })).toEqual({ 'max-hops': 2, 'message-ttl': 5, uri: 'amqp://' });
    expect(pluginParameterSpec('shovel', { 'src-address': 'q', 'src-uri': 'amqp://' })).toEqual({ unknownKeys: ['src-address'] });
  });
});

describe('URIs in parameter values', () => {
  it('are redacted for people, references shown as written, and read from their secrets for the broker', () => {
    const value = { 'src-uri': SECRET, 'dest-uri': [{ ref: '${env:DEST}' }, 'amqp://'], 'src-queue': 'bob:s3cr@t' };
    expect(redactParameterValue(value)).toEqual({ 'src-uri': 'amqp://bob:***@dc2.example:5672/shop', 'dest-uri': ['${env:DEST}', 'amqp://'], 'src-queue': 'bob:s3cr@t' });
    expect(revealParameterValue(value, () => 'amqp://x:y@h')).toEqual({ ...value, 'dest-uri': ['amqp://x:y@h', 'amqp://'] });
  });
});

function diffSettings(want: Partial<Vhost>, have: Partial<Vhost>): Change[] {
  const out: Change[] = [];
  diffVhostSettings(vhost({ name: V, ...want }), vhost({ name: V, ...have }), { managed: (l) => [...l], emit: (c) => void out.push(c), secrets: () => SECRET });
  return out;
}

const shovel = (name: string, value: PluginParameter['value']): PluginParameter => ({ vhost: V, name, value });

describe('the settings diff', () => {
  it('plans nothing about a kind the spec does not mention', () => {
    expect(diffSettings({}, { limits: [{ vhost: V, name: 'max-queues', value: 1 }], shovels: [shovel('s', {})], federationUpstreams: [] })).toEqual([]);
  });

  it('creates, updates in place and lists the unmanaged, the broker side redacted and a changed URI shown as changed only', () => {
    const changes = diffSettings(
      { limits: [{ vhost: V, name: 'max-queues', value: 10 }], shovels: [shovel('a', { 'src-uri': { ref: '${env:A}' }, 'src-queue': 'q2' }), shovel('b', { 'src-uri': 'amqp://' })] },
      { limits: [{ vhost: V, name: 'max-queues', value: 5 }, { vhost: V, name: 'max-connections', value: 3 }], shovels: [shovel('a', { 'src-uri': 'amqp://bob:old@dc2.example:5672/shop', 'src-queue': 'q1' }), shovel('c', { 'src-uri': SECRET })] },
    );
    expect(changes.map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual([
      'update vhostLimit max-queues', 'unmanaged vhostLimit max-connections', 'update shovel a', 'create shovel b', 'unmanaged shovel c',
    ]);
    const update = changes[2] as Extract<Change, { action: 'update'; kind: 'shovel' }>;
    expect(update.changed).toEqual([{ path: 'value.src-queue', before: 'q1', after: 'q2' }, { path: 'value.src-uri', before: undefined, after: undefined, secret: true }]);
    expect(JSON.stringify(changes)).not.toContain('old@');
    expect(JSON.stringify(changes)).not.toContain('s3cr');
  });

  it('compares a URI read from its secret exactly: the same URI plans nothing', () => {
    expect(diffSettings({ shovels: [shovel('a', { 'src-uri': { ref: '${env:A}' } })] }, { shovels: [shovel('a', { 'src-uri': SECRET })] })).toEqual([]);
  });

  it('compares global parameters only when the spec lists them, broker-wide', () => {
    const out: Change[] = [];
    diffGlobalParameters(undefined, [{ name: 'cluster_name', value: 'x' }], (c) => void out.push(c));
    expect(out).toEqual([]);
    diffGlobalParameters([{ name: 'cluster_name', value: 'y' }], [{ name: 'cluster_name', value: 'x' }, { name: 'other', value: 1 }], (c) => void out.push(c));
    expect(out.map((c) => `${c.action} ${c.vhost}/${c.name}`)).toEqual(['update /cluster_name', 'unmanaged /other']);
  });
});

describe('the steps of vhost limits', () => {
  it('run one after the other in a vhost: the broker writes all limits of a vhost at once', () => {
    const limit = (name: string, value: number) => ({ vhost: V, name, value });
    const changes: Change[] = [
      { action: 'delete', kind: 'vhostLimit', vhost: V, name: 'max-connections', before: limit('max-connections', 1) },
      { action: 'create', kind: 'vhostLimit', vhost: V, name: 'max-queues', after: limit('max-queues', 2) },
      { action: 'create', kind: 'vhostLimit', vhost: 'other', name: 'max-queues', after: { ...limit('max-queues', 2), vhost: 'other' } },
    ];
    const steps = planSteps(changes, { prune: true, allowReplace: false, allowDataLoss: false });
    expect(steps.map((s) => [s.op, s.dependsOn])).toEqual([
      ['delete-vhost-limit', []],
      ['put-vhost-limit', [0]],
      ['put-vhost-limit', []],
    ]);
  });
});

describe('compatibility', () => {
  const spec = { vhosts: [vhost({ name: V, protectedFromDeletion: true, shovels: [shovel('s', { 'src-uri': 'amqp://' })] })], tests: [] };
  it('refuses deletion protection before 4.1 and a shovel whose plugin is not enabled', () => {
    const messages = checkCompatibility(spec, { version: parseBrokerVersion('3.10.8')!, enabledPlugins: new Set(['rabbitmq_management']) }).map((p) => p.message);
    expect(messages).toEqual([
      'vhost "shop": protectedFromDeletion needs RabbitMQ 4.1 or later: 3.10.8 cannot protect a vhost from deletion (leave it out of the spec)',
      'shovel "s": needs the rabbitmq_shovel plugin, which RabbitMQ 3.10.8 does not have enabled (rabbitmq-plugins enable rabbitmq_shovel)',
    ]);
    expect(checkCompatibility(spec, { version: parseBrokerVersion('4.3.6')!, enabledPlugins: new Set(['rabbitmq_shovel']) })).toEqual([]);
  });
});

describe('export', () => {
  it('leaves out the shovels it cannot write, named on the one line', () => {
    const notExported: NotExported[] = [];
    const kept = exportableParameters(
      vhost({ name: V, shovels: [shovel('a', { 'src-protocol': 'amqp10', 'src-address': 'x' }), shovel('b', { 'src-protocol': 'amqp10' }), shovel('c', { 'src-uri': 'amqp://' })], federationUpstreams: [] }),
      notExported,
    );
    expect(kept.shovels?.map((s) => s.name)).toEqual(['c']);
    expect(notExportedLine(notExported)).toBe('not exported: 2 shovels using amqp10\n');
  });

  it('names URI placeholders after the vhost, kind, object and field', () => {
    expect(envPlaceholder(['shop/eu', 'shovel', 'drain-legacy', 'source', 'uri'])).toBe('${env:SHOP_EU_SHOVEL_DRAIN_LEGACY_SOURCE_URI}');
    expect(envPlaceholder(['/', 'federationUpstream', '2dc', 'uri'])).toBe('${env:FEDERATIONUPSTREAM_2DC_URI}');
  });
});
