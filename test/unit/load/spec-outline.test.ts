import { describe, expect, it } from 'vitest';
import { DiagnosticList } from '../../../src/load/diagnostic.js';
import { outlineOf } from '../../../src/load/spec-outline.js';
import { parseSpecSources } from '../../../src/load/validate-spec-sources.js';
import { readScopeOf } from '../../../src/model/read-scope.js';
import { topologyOf } from './spec-helpers.js';

/** The outline of in-memory files, as `topo plan` sees it before the checks. */
function outline(files: Record<string, string>) {
  const sources = Object.entries(files).map(([file, text]) => ({ file, text }));
  return outlineOf(parseSpecSources(sources, { vars: {}, env: { PW: 'secret' } }, new DiagnosticList()));
}

// Each spec valid, so the outline must say what the validated topology will ask the broker for.
const SPECS: Record<string, Record<string, string>> = {
  'one vhost of objects only': {
    'a.yaml': 'version: 1\nvhosts:\n  orders:\n    queues:\n      q: {}\n',
  },
  'vhosts in two files, named out of order, one twice': {
    'b.yaml': 'version: 1\nvhosts:\n  zeta: { queues: { q: {} } }\n  alpha: {}\n',
    'c.yaml': 'version: 1\nvhosts:\n  zeta: { exchanges: { e: { type: fanout } } }\n  "/": {}\n',
  },
  'users, permissions in one vhost, topic permissions in another': {
    'a.yaml': [
      'version: 1',
      'users:',
      '  app: { password: "${env:PW}" }',
      'vhosts:',
      '  one:',
      '    permissions:',
      '      app: { configure: ".*", write: ".*", read: ".*" }',
      '  two:',
      '    topicPermissions:',
      '      app: { amq.topic: { write: ".*", read: ".*" } }',
      '  three: {}',
      '',
    ].join('\n'),
  },
  'limits, an empty shovels list, global parameters': {
    'a.yaml': [
      'version: 1',
      'globalParameters:',
      '  cluster_tags: [a]',
      'vhosts:',
      '  limited:',
      '    limits: { max-queues: 10 }',
      '  shovelled:',
      '    shovels: {}',
      '  plain: {}',
      '',
    ].join('\n'),
  },
  'an empty users section and no vhosts': {
    'a.yaml': 'version: 1\nusers: {}\n',
  },
};

describe('outlineOf', () => {
  for (const [name, files] of Object.entries(SPECS)) {
    it(`reads what the validated spec reads: ${name}`, () => {
      const topology = topologyOf(files, { env: { PW: 'secret' } });
      const { vhosts, scope } = outline(files);
      expect({ vhosts, scope }).toEqual({ vhosts: topology.vhosts.map((v) => v.name), scope: readScopeOf(topology) });
    });
  }

  it('counts the queues and bindings each vhost declares, over every file', () => {
    const { objects } = outline({
      'a.yaml': 'version: 1\nvhosts:\n  a: { queues: { q1: {}, q2: {} }, bindings: [{ source: amq.topic, destination: q1 }] }\n  b: {}\n',
      'b.yaml': 'version: 1\nvhosts:\n  a: { queues: { q3: {} } }\n',
    });
    expect(objects).toEqual(new Map([['a', 4], ['b', 0]]));
  });

  it('tells the vhosts of a spec that is not valid yet, as written', () => {
    expect(outline({ 'a.yaml': 'version: 1\nvhosts:\n  b: { queues: 7 }\n  a: nonsense\n' }).vhosts).toEqual(['a', 'b']);
  });
});
