import { describe, expect, it } from 'vitest';
import { TopoError } from '../../../src/errors.js';
import { bufferIO } from '../../../src/cli/io.js';
import { loadSpecFromFlags, parseVarFlags } from '../../../src/cli/load-spec.js';
import { validateCommand } from '../../../src/cli/validate.js';
import { tempTree } from './spec-helpers.js';

const VALID = `vhosts:
  a:
    exchanges: { logs: { type: fanout }, more: { type: topic } }
    queues: { q1: {}, q2: {} }
    bindings:
      - { source: logs, destination: q1 }
      - { source: more, destination: q2, routingKeys: [x, y], arguments: { x-match: all } }
    policies:
      p: { pattern: ".*", definition: { max-length: 10 } }
  b: {}
tests:
  - { vhost: a, exchange: logs, expect: [q1] }
`;

/** `topo validate DIR` on a tree of these files: its exit code and its output lines, paths relative to DIR. */
async function validateTree(files: Record<string, string>): Promise<{ code: number; lines: string[] }> {
  const dir = await tempTree(files);
  const io = bufferIO({});
  const code = await validateCommand([dir], { var: [] }, io);
  return { code, lines: io.stdout.replaceAll(`${dir}/`, '').split('\n') };
}

describe('validateCommand', () => {
  it('prints warnings and a one-line summary for a valid spec, and exits 0', async () => {
    const dir = await tempTree({ 'spec.yaml': VALID });
    const io = bufferIO({});
    expect(await validateCommand([dir], { var: [] }, io)).toBe(0);
    expect(io.stdout.replaceAll(`${dir}/`, '')).toBe(
      'spec.yaml:7:85: warning: binding "more" -> "q2": x-match only applies to headers exchanges, and "more" is a topic exchange\n' +
        'valid: 2 vhosts, 2 exchanges, 2 queues, 3 bindings, 1 policy, 1 test\n',
    );
    expect(io.stderr).toBe('');
  });

  it('prints every problem, one line each, and exits 1', async () => {
    const { code, lines } = await validateTree({
      'a.yaml': 'vhosts:\n  /:\n    queues:\n      q: { type: quorum, durable: false }\n',
      'b.yaml': 'vhosts:\n  /:\n    bindings:\n      - { source: nope, destination: q, arguments: { x-match: all } }\n',
    });
    expect(code).toBe(1);
    expect(lines).toEqual([
      'a.yaml:4:35: queue "q": a quorum queue must be durable',
      'b.yaml:4:19: binding "nope" -> "q": source exchange "nope" is not declared in vhost "/"',
      'invalid: 2 errors, 0 warnings',
      '',
    ]);
  });

  it('prints JSON with --json', async () => {
    const valid = await tempTree({ 'spec.yaml': VALID });
    const io = bufferIO({});
    expect(await validateCommand([valid], { var: [], json: true }, io)).toBe(0);
    expect(JSON.parse(io.stdout)).toEqual({
      formatVersion: 1,
      valid: true,
      diagnostics: [
        {
          severity: 'warning',
          file: `${valid}/spec.yaml`,
          line: 7,
          col: 85,
          message: 'binding "more" -> "q2": x-match only applies to headers exchanges, and "more" is a topic exchange',
        },
      ],
      summary: { vhosts: 2, exchanges: 2, queues: 2, bindings: 3, policies: 1, operatorPolicies: 0, tests: 1 },
    });

    const invalid = await tempTree({ 'spec.yaml': 'version: 9\n' });
    const io2 = bufferIO({});
    expect(await validateCommand([`${invalid}/spec.yaml`, `${invalid}/missing.yaml`], { var: [], json: true }, io2)).toBe(1);
    expect(JSON.parse(io2.stdout)).toEqual({
      formatVersion: 1,
      valid: false,
      diagnostics: [
        { severity: 'error', file: `${invalid}/missing.yaml`, line: 0, col: 0, message: 'cannot read: no such file or directory' },
        { severity: 'error', file: `${invalid}/spec.yaml`, line: 1, col: 10, message: 'unsupported version 9: this topo reads version 1' },
      ],
      summary: null,
    });
  });

  it('takes --var values and the environment of its io', async () => {
    const dir = await tempTree({ 'spec.yaml': 'vhosts:\n  ${var:vhost}:\n    queues:\n      q-${env:REGION}:\n        arguments: { x-message-ttl: "${var:ttl}" }\n' });
    const io = bufferIO({ REGION: 'eu' });
    expect(await validateCommand([dir], { var: ['vhost=shop', 'ttl=1000'] }, io)).toBe(0);
    expect(io.stdout).toBe('valid: 1 vhost, 0 exchanges, 1 queue, 0 bindings, 0 policies, 0 tests\n');
  });
});

describe('parseVarFlags', () => {
  it('splits at the first =, a later key wins', () => {
    expect(parseVarFlags(['a=1', 'b=x=y', 'a=2', 'c='])).toEqual({ a: '2', b: 'x=y', c: '' });
  });

  it('rejects a flag without key or =', () => {
    expect(() => parseVarFlags(['novalue'])).toThrow(new TopoError('usage', '--var expects key=value, got "novalue"'));
    expect(() => parseVarFlags(['=v'])).toThrow(TopoError);
  });
});

describe('loadSpecFromFlags', () => {
  it('returns the topology and prints warnings to standard error', async () => {
    const dir = await tempTree({ 'spec.yaml': VALID });
    const io = bufferIO({});
    const topology = await loadSpecFromFlags([dir], { var: [] }, io);
    expect(topology.vhosts.map((v) => v.name)).toEqual(['a', 'b']);
    expect(io.stderr.replaceAll(`${dir}/`, '')).toBe(
      'spec.yaml:7:85: warning: binding "more" -> "q2": x-match only applies to headers exchanges, and "more" is a topic exchange\n',
    );
    expect(io.stdout).toBe('');
  });

  it('throws spec-invalid with every error, one per line', async () => {
    const dir = await tempTree({ 'spec.yaml': 'vhosts:\n  /:\n    queues:\n      amq.q: {}\n      q: { type: stream, autoDelete: true }\n' });
    const error = await loadSpecFromFlags([dir], { var: [] }, bufferIO({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopoError);
    expect((error as TopoError).code).toBe('spec-invalid');
    expect((error as TopoError).message.replaceAll(`${dir}/`, '')).toBe(
      'spec.yaml:4:7: queue "amq.q": names starting with "amq." are reserved by RabbitMQ\nspec.yaml:5:38: queue "q": a stream cannot be auto-delete',
    );
  });
});

describe('validateCommand: one line per problem', () => {
  it('escapes line breaks and control characters of names in messages', async () => {
    const { code, lines } = await validateTree({ 'spec.yaml': 'vhosts:\n  /:\n    queues:\n      "amq.a\\nb\\r\\u0000": {}\n' });
    expect(code).toBe(1);
    expect(lines).toEqual([
      'spec.yaml:4:7: queue "amq.a\\nb\\r\\u0000": names starting with "amq." are reserved by RabbitMQ',
      'invalid: 1 error, 0 warnings',
      '',
    ]);
  });
});
