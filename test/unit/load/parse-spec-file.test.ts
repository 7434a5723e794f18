import { describe, expect, it } from 'vitest';
import { DiagnosticList, formatDiagnostic } from '../../../src/load/diagnostic.js';
import { parseSpecFile } from '../../../src/load/parse-spec-file.js';
import { locate } from '../../../src/load/parsed-document.js';
import { EXPANSION_MESSAGE } from '../../../src/load/reading-limits.js';

const noSources = { vars: {}, env: {} };

function parse(text: string, sources = noSources) {
  const diagnostics = new DiagnosticList();
  const documents = parseSpecFile('f.yaml', text, sources, diagnostics);
  return { documents, problems: diagnostics.items.map(formatDiagnostic) };
}

const SPEC = `version: 1
vhosts:
  /:
    queues:
      orders: { type: quorum }
      audit:
        arguments:
          x-message-ttl: 60000
    bindings:
      - { source: logs, destination: audit }
      - source: logs
        destination: orders
`;

describe('parseSpecFile', () => {
  it('converts YAML to plain JSON', () => {
    const { documents, problems } = parse(SPEC);
    expect(problems).toEqual([]);
    expect(documents[0]?.value).toEqual({
      version: 1,
      vhosts: {
        '/': {
          queues: { orders: { type: 'quorum' }, audit: { arguments: { 'x-message-ttl': 60000 } } },
          bindings: [
            { source: 'logs', destination: 'audit' },
            { source: 'logs', destination: 'orders' },
          ],
        },
      },
    });
  });

  it('locates every node at its 1-based line and column', () => {
    const [document] = parse(SPEC).documents;
    if (!document) throw new Error('no document');
    const at = (path: (string | number)[], prefer?: 'key' | 'value') => {
      const { line, col } = locate(document, path, prefer);
      return `${line}:${col}`;
    };
    expect(at(['vhosts', '/', 'queues', 'orders'], 'key')).toBe('5:7');
    expect(at(['vhosts', '/', 'queues', 'orders'])).toBe('5:15');
    expect(at(['vhosts', '/', 'queues', 'orders', 'type'])).toBe('5:23');
    expect(at(['vhosts', '/', 'queues', 'audit', 'arguments', 'x-message-ttl'])).toBe('8:26');
    expect(at(['vhosts', '/', 'queues', 'audit', 'arguments', 'x-message-ttl'], 'key')).toBe('8:11');
    expect(at(['vhosts', '/', 'bindings', 0])).toBe('10:9');
    expect(at(['vhosts', '/', 'bindings', 1, 'destination'])).toBe('12:22');
    expect(at([])).toBe('1:1');
  });

  it('locates a missing field at the deepest node that exists', () => {
    const [document] = parse(SPEC).documents;
    if (!document) throw new Error('no document');
    expect(locate(document, ['vhosts', '/', 'queues', 'orders', 'durable'], 'key')).toMatchObject({ line: 5, col: 7 });
    expect(locate(document, ['vhosts', '/', 'bindings', 7])).toMatchObject({ line: 10, col: 7 });
  });

  it('reads several documents separated by ---', () => {
    const { documents } = parse('vhosts: { a: {} }\n---\nvhosts: { b: {} }\n');
    expect(documents.map((d) => d.value)).toEqual([{ vhosts: { a: {} } }, { vhosts: { b: {} } }]);
    const second = documents[1];
    if (!second) throw new Error('no second document');
    expect(locate(second, ['vhosts', 'b'], 'key')).toMatchObject({ line: 3, col: 11 });
  });

  it('reads a file without content as no document or an empty one, and an empty document as null', () => {
    expect(parse('').documents).toEqual([]);
    expect(parse('# only a comment\n').documents.map((d) => d.value)).toEqual([null]);
    expect(parse('---\n').documents.map((d) => d.value)).toEqual([null]);
  });

  it('reports YAML syntax errors at their place and leaves the document out', () => {
    const { documents, problems } = parse('vhosts:\n  /: [a, b\n');
    expect(documents).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems).toEqual(['f.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]']);
  });

  it('resolves aliases to the anchored value, located at the anchor', () => {
    const text = 'a: &args { x-max-length: 10 }\nb: *args\nc: *args\n';
    const { documents, problems } = parse(text);
    expect(problems).toEqual([]);
    const [document] = documents;
    if (!document) throw new Error('no document');
    expect(document.value).toEqual({ a: { 'x-max-length': 10 }, b: { 'x-max-length': 10 }, c: { 'x-max-length': 10 } });
    expect(locate(document, ['c', 'x-max-length'])).toMatchObject({ line: 1, col: 26 });
  });

  it('stops an alias bomb', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const { documents, problems } = parse(`${levels.join('\n')}\n`);
    expect(documents).toEqual([]);
    expect(problems).toEqual([`f.yaml:1:1: ${EXPANSION_MESSAGE}`]);
  });

  it('reports a duplicate key at the second one, naming the first, and keeps the first', () => {
    const { documents, problems } = parse('vhosts:\n  /:\n    queues:\n      q: { durable: true, durable: false }\n');
    expect(problems).toEqual(['f.yaml:4:27: queue "q": duplicate key "durable" (first at f.yaml:4:12)']);
    expect(documents[0]?.value).toEqual({ vhosts: { '/': { queues: { q: { durable: true } } } } });
  });

  it('refuses the key "__proto__" wherever it is, at the key, and keeps the rest', () => {
    const text = 'vhosts:\n  /:\n    queues:\n      __proto__: {}\n      q: { arguments: { __proto__: { x: 1 }, y: 2 } }\n"${var:p}": 1\n';
    const { documents, problems } = parse(text, { vars: { p: '__proto__' }, env: {} });
    expect(problems).toEqual([
      'f.yaml:4:7: vhost "/": queues: key "__proto__" is not allowed: JavaScript reads it as an object\'s prototype, so topo cannot keep it',
      'f.yaml:5:25: queue "q": arguments: key "__proto__" is not allowed: JavaScript reads it as an object\'s prototype, so topo cannot keep it',
      'f.yaml:6:1: key "__proto__" is not allowed: JavaScript reads it as an object\'s prototype, so topo cannot keep it',
    ]);
    expect(documents[0]?.value).toEqual({ vhosts: { '/': { queues: { q: { arguments: { y: 2 } } } } } });
  });

  it('keeps other names of Object.prototype as ordinary keys', () => {
    const { documents, problems } = parse('constructor: { prototype: 1, toString: 2, hasOwnProperty: 3 }\n');
    expect(problems).toEqual([]);
    const value = documents[0]?.value as Record<string, Record<string, unknown>>;
    expect(Object.keys(value)).toEqual(['constructor']);
    expect(Object.entries(value.constructor ?? {})).toEqual([['prototype', 1], ['toString', 2], ['hasOwnProperty', 3]]);
  });

  describe('interpolation', () => {
    const sources = { vars: { env: 'prod', ttl: '60000' }, env: { REGION: 'eu-west' } };

    it('replaces references in keys and values', () => {
      const { documents, problems } = parse('vhosts:\n  ${var:env}:\n    description: "in ${env:REGION}"\n', sources);
      expect(problems).toEqual([]);
      expect(documents[0]?.value).toEqual({ vhosts: { prod: { description: 'in eu-west' } } });
    });

    it('types a value that is exactly one reference, but never a key', () => {
      const { documents } = parse('${var:ttl}: ${var:ttl}\nb: "${var:ttl}"\nc: x${var:ttl}\n', sources);
      expect(documents[0]?.value).toEqual({ '60000': 60000, b: 60000, c: 'x60000' });
    });

    it('reports a missing reference at its scalar', () => {
      const { problems } = parse('a:\n  b: ${env:NOPE}\n  ${var:nope}: 1\n', sources);
      expect(problems).toEqual([
        'f.yaml:2:6: environment variable NOPE is not set (referenced as ${env:NOPE})',
        'f.yaml:3:3: no value for ${var:nope} (pass --var nope=VALUE)',
      ]);
    });

    it('finds duplicates after interpolation', () => {
      const { problems } = parse('vhosts:\n  /:\n    queues:\n      q-prod: {}\n      q-${var:env}: {}\n', sources);
      expect(problems).toEqual(['f.yaml:5:7: queue "q-prod" in vhost "/" is declared twice (first at f.yaml:4:7)']);
    });
  });
});

describe('line breaks and byte order marks', () => {
  const lf = 'vhosts:\n  /:\n    queues:\n      q: { durable: "yes" }\n';

  it.each([
    ['LF', lf],
    ['CRLF', lf.replaceAll('\n', '\r\n')],
    ['lone CR', lf.replaceAll('\n', '\r')],
    ['mixed', 'vhosts:\r\n  /:\r    queues:\n      q: { durable: "yes" }\r'],
  ])('reads %s line endings alike, at the same lines and columns', (_name, text) => {
    const { documents, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(documents[0]?.value).toEqual({ vhosts: { '/': { queues: { q: { durable: 'yes' } } } } });
    const [document] = documents;
    if (!document) throw new Error('no document');
    expect(locate(document, ['vhosts', '/', 'queues', 'q', 'durable'])).toMatchObject({ line: 4, col: 21 });
  });

  it('reports a problem of a CR or CRLF file at its line and column', () => {
    for (const text of ['a: 1\rb: ${env:NOPE}\r', 'a: 1\r\nb: ${env:NOPE}\r\n']) {
      expect(parse(text).problems).toEqual(['f.yaml:2:4: environment variable NOPE is not set (referenced as ${env:NOPE})']);
    }
    expect(parse('a: 1\rb: [\r').problems).toEqual(['f.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]']);
  });

  it('folds a CR inside a quoted scalar as a line break', () => {
    expect(parse('a: "x\r  y"\rb: |\r  1\r  2\r').documents[0]?.value).toEqual({ a: 'x y', b: '1\n2\n' });
  });

  it('reads past a byte order mark, counting columns from after it', () => {
    const { documents } = parse('\uFEFFa: { b: 1 }\n');
    const [document] = documents;
    if (!document) throw new Error('no document');
    expect(document.value).toEqual({ a: { b: 1 } });
    expect(locate(document, ['a', 'b'])).toMatchObject({ line: 1, col: 9 });
  });
});
