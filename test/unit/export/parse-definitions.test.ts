import { describe, expect, it } from 'vitest';
import { parseDefinitions } from '../../../src/export/parse-definitions.js';

describe('parseDefinitions', () => {
  it('reads an object whose lists are arrays', () => {
    const text = '{"queues":[{"name":"q"}],"rabbit_version":"3.10.8"}';
    expect(parseDefinitions(text, 'd.json')).toEqual({ ok: true, definitions: JSON.parse(text) });
    expect(parseDefinitions('{}', 'd.json').ok).toBe(true);
  });

  it('says a text is not JSON, naming the file', () => {
    const parsed = parseDefinitions('{ "queues": [', 'd.json');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/^d\.json is not JSON: \S/);
  });

  it.each(['[1, 2]', 'null', '"text"'])(
    'says %s is not definitions',
    (text) => {
      expect(parseDefinitions(text, 'd.json')).toEqual({
        ok: false,
        error: 'd.json is not a RabbitMQ definitions file (an object with exchanges, queues, ...)',
      });
    },
  );

  it.each([
    ['{"queues": {}}', '/queues: must be array'],
    ['{"vhosts": "a"}', '/vhosts: must be array'],
    ['{"parameters": 1}', '/parameters: must be array'],
    ['{"queues": [{"durable": true}]}', "/queues/0: must have required property 'name'"],
    ['{"queues": [{"name": "q", "durable": "yes"}]}', '/queues/0/durable: must be boolean'],
    ['{"bindings": [{"source": "e", "destination": 7}]}', '/bindings/0/destination: must be string'],
  ])('says where %s does not fit the definitions topo reads', (text, problem) => {
    expect(parseDefinitions(text, 'd.json')).toEqual({
      ok: false,
      error: `d.json is not a RabbitMQ definitions file topo can read (${problem})`,
    });
  });
});
