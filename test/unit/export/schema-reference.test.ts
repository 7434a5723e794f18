import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTopoSchema } from '../../../src/export/find-topo-schema.js';
import { schemaReference } from '../../../src/export/schema-reference.js';

describe('schemaReference', () => {
  it.each([
    ['topo inside the project, file at its root', '/p', { project: '/p', schema: '/p/node_modules/topo/schemas/topology.schema.json' }, 'node_modules/topo/schemas/topology.schema.json'],
    ['topo inside the project, file deeper', '/p/specs/prod', { project: '/p', schema: '/p/schemas/topology.schema.json' }, '../../schemas/topology.schema.json'],
    ['topo elsewhere (installed globally)', '/p/specs', { project: '/p', schema: '/usr/lib/node_modules/topo/schemas/topology.schema.json' }, '../node_modules/topo/schemas/topology.schema.json'],
    ['no schema found', '/p', { project: '/p', schema: undefined }, 'node_modules/topo/schemas/topology.schema.json'],
  ])('%s', (_label, fromDir, locations, expected) => {
    expect(schemaReference(fromDir, locations)).toBe(expected);
  });
});

describe('findTopoSchema', () => {
  it("finds topo's own schema above the module", () => {
    const found = findTopoSchema();
    expect(found).toBe(join(import.meta.dirname, '..', '..', '..', 'schemas', 'topology.schema.json'));
    expect(existsSync(found!)).toBe(true);
  });
});
