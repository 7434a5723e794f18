import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without type declarations
import { compileValidatorSource, GENERATED_FILE, SCHEMA_FILE } from '../../../schemas/compile-validator.mjs';
import { VHOST_LIMIT_NAMES } from '../../../src/model/parameters.js';
import { pluginParameterFields } from '../../../src/model/plugin-parameter-fields.js';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  $ref?: string;
  description?: string;
  definitions?: Record<string, Schema>;
};

const schema = JSON.parse(readFileSync(SCHEMA_FILE as string, 'utf8')) as Schema;
const definitions = schema.definitions ?? {};
const resolve = (s: Schema): Schema => (s.$ref ? (definitions[s.$ref.replace('#/definitions/', '')] ?? {}) : s);

/** Every schema node with its JSON Pointer-ish path. */
function walk(node: Schema, path: string, visit: (node: Schema, path: string) => void): void {
  visit(node, path);
  for (const [name, child] of Object.entries(node.properties ?? {})) walk(child, `${path}/properties/${name}`, visit);
  for (const [name, child] of Object.entries(node.definitions ?? {})) walk(child, `${path}/definitions/${name}`, visit);
  if (node.items) walk(node.items, `${path}/items`, visit);
  if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${path}/additionalProperties`, visit);
  (node.anyOf ?? []).forEach((child, i) => walk(child, `${path}/anyOf/${i}`, visit));
}

describe('schemas/topology.schema.json', () => {
  it('is a valid draft-07 schema that ajv compiles in strict mode', () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true });
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
    expect((schema as { $schema?: string }).$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('describes every property, so editors can explain it', () => {
    const undescribed: string[] = [];
    walk(schema, '#', (node, path) => {
      for (const [name, child] of Object.entries(node.properties ?? {})) {
        if (!resolve(child).description && !child.description) undescribed.push(`${path}/properties/${name}`);
      }
    });
    expect(undescribed).toEqual([]);
  });

  it('closes every object except the free-form maps (arguments, definitions, headers)', () => {
    const open: string[] = [];
    walk(schema, '#', (node, path) => {
      const types = [node.type ?? []].flat();
      if (types.includes('object') && node.additionalProperties === undefined) open.push(path);
    });
    expect(open.sort()).toEqual([
      '#/definitions/bindingArguments',
      '#/definitions/exchangeArguments',
      '#/definitions/policyDefinition',
      '#/definitions/queueArguments',
      '#/definitions/test/properties/headers',
    ]);
  });

  it('has every field of the format', () => {
    const fields = (name: string) => Object.keys(definitions[name]?.properties ?? {}).sort();
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(['$schema', 'brokerVersion', 'globalParameters', 'tests', 'users', 'version', 'vhosts']);
    expect(fields('vhost')).toEqual([
      'bindings', 'defaultQueueType', 'description', 'exchanges', 'federationUpstreams', 'ignore', 'limits', 'operatorPolicies',
      'permissions', 'policies', 'protectedFromDeletion', 'queues', 'shovels', 'tags', 'topicPermissions',
    ]);
    expect(fields('vhostLimits')).toEqual([...VHOST_LIMIT_NAMES].sort());
    expect(fields('user')).toEqual(['hashingAlgorithm', 'limits', 'password', 'passwordHash', 'tags']);
    expect(fields('permission')).toEqual(['configure', 'read', 'write']);
    expect(fields('topicPermission')).toEqual(['read', 'write']);
    expect(fields('exchange')).toEqual(['alternateExchange', 'arguments', 'autoDelete', 'durable', 'internal', 'type']);
    expect(fields('queue')).toEqual(['arguments', 'autoDelete', 'durable', 'exclusive', 'serverNamed', 'type']);
    expect(fields('binding')).toEqual(['arguments', 'destination', 'destinationType', 'routingKey', 'routingKeys', 'source']);
    expect(fields('policy')).toEqual(['applyTo', 'definition', 'pattern', 'priority']);
    expect(fields('test')).toEqual(['exchange', 'expect', 'headers', 'name', 'routingKey', 'vhost']);
  });

  it('has exactly the shovel and federation upstream fields that topo maps to RabbitMQ keys', () => {
    const fields = (name: string, prefix = '') => Object.keys(definitions[name]?.properties ?? {}).map((f) => `${prefix}${f}`);
    const shovel = [
      ...fields('shovel').filter((f) => f !== 'source' && f !== 'destination'),
      ...fields('shovelSource', 'source.'),
      ...fields('shovelDestination', 'destination.'),
    ];
    expect(shovel.sort()).toEqual(pluginParameterFields('shovel').sort());
    expect(fields('federationUpstream').sort()).toEqual(pluginParameterFields('federationUpstream').sort());
  });

  it('is what the precompiled validator was generated from (run `node schemas/compile-validator.mjs` after editing it)', () => {
    const generated = readFileSync(GENERATED_FILE as string, 'utf8');
    expect(generated === (compileValidatorSource(schema) as string)).toBe(true);
  });
});
