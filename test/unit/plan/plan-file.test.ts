import { describe, expect, it } from 'vitest';
import { TopoError } from '../../../src/errors.js';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import { planChanges } from '../../../src/plan/plan-changes.js';
import { parsePlan, serializePlan } from '../../../src/plan/plan-file.js';
import { namedKey } from '../../../src/model/identity.js';
import { binding, exchange, options, policy, queue, topology, vhost } from '../../support/builders.js';

const actual = topology(
  vhost({
    exchanges: [exchange({ name: 'in' })],
    queues: [queue({ name: 'q' }), queue({ name: 'stray' })],
    bindings: [binding({ source: 'in', destination: 'q' })],
    policies: [policy({ priority: 1 })],
  }),
);
const desired = topology(
  vhost({
    description: 'ünï',
    exchanges: [exchange({ name: 'in', loc: { file: 'a.yaml', line: 2, col: 3 } })],
    queues: [queue({ name: 'q', durable: false }), queue({ name: 'runtime', exclusive: true })],
    bindings: [binding({ source: 'in', destination: 'q' })],
    policies: [policy()],
  }),
  vhost({ name: 'new', queues: [queue({ name: 'x', arguments: { 'x-custom': { a: [1, null] } } })] }),
);
const plan = planChanges(diffTopology(desired, actual), options({ prune: true }), {
  vhosts: ['/', 'new'],
  fingerprint: 'f'.repeat(64),
  messages: new Map([[namedKey({ vhost: '/', name: 'stray' }), 2]]),
});

describe('plan file', () => {
  it('round-trips a plan', () => {
    const text = serializePlan(plan);
    expect(text.endsWith('\n')).toBe(true);
    expect(parsePlan(text, 'plan.json')).toEqual(plan);
    expect(serializePlan(parsePlan(text, 'plan.json'))).toBe(text);
  });

  const text = serializePlan(plan);
  const edit = (change: (p: Record<string, unknown>) => void): string => {
    const p = JSON.parse(text) as Record<string, unknown>;
    change(p);
    return JSON.stringify(p);
  };
  const steps = (p: Record<string, unknown>) => p.steps as Record<string, unknown>[];
  const changes = (p: Record<string, unknown>) => p.changes as Record<string, unknown>[];

  it.each([
    ['not JSON', '{"formatVersion": 1,', 'not a topo plan (not valid JSON)'],
    ['empty', '', 'not a topo plan (not valid JSON)'],
    ['an array', '[]', 'not a usable topo plan (not a JSON object)'],
    ['a definitions file', '{"rabbit_version":"3.10.8","queues":[]}', 'not a usable topo plan (no formatVersion)'],
    ['a newer format', edit((p) => (p.formatVersion = 5)), 'not a usable topo plan (formatVersion 5, this topo reads 4)'],
    ['a plan of version 2', edit((p) => (p.formatVersion = 2)), 'not a usable topo plan (formatVersion 2, this topo reads 4)'],
    ['a plan without problems (version 2 had none)', edit((p) => delete p.problems), "not a usable topo plan (/: must have required property 'problems')"],
    ['a bad problem', edit((p) => (p.problems = [{ severity: 'fatal' }])), 'not a usable topo plan (/problems/0/severity: must be one of "error", "warning")'],
    ['no fingerprint', edit((p) => delete p.fingerprint), "not a usable topo plan (/: must have required property 'fingerprint')"],
    ['bad vhosts', edit((p) => (p.vhosts = [1])), 'not a usable topo plan (/vhosts/0: must be string)'],
    ['bad options', edit((p) => (p.options = { prune: 'yes' })), 'not a usable topo plan (/options/prune: must be boolean)'],
    ['an unknown action', edit((p) => (changes(p)[0]!.action = 'explode')), 'not a usable topo plan (change 0: unknown action "explode")'],
    ['an unknown kind', edit((p) => (changes(p)[1]!.kind = 'shovelz')), 'not a usable topo plan (change 1: unknown kind "shovelz")'],
    ['a change with an empty object', edit((p) => (changes(p)[1]!.after = {})), "not a usable topo plan (/changes/1/after: must have required property 'vhost')"],
    ['a change without its object', edit((p) => delete changes(p)[0]!.after), "not a usable topo plan (/changes/0: must have required property 'after')"],
    ['steps out of order', edit((p) => steps(p).reverse()), 'not a usable topo plan (step 0: ids out of order)'],
    ['a forward dependency', edit((p) => (steps(p)[0]!.dependsOn = [1])), 'not a usable topo plan (step 0: bad dependsOn)'],
    ['a dangling change index', edit((p) => (steps(p)[0]!.change = 99)), 'not a usable topo plan (step 0: bad change index)'],
    ['an unknown op', edit((p) => (steps(p)[0]!.op = 'purge-queue')), 'not a usable topo plan (step 0: unknown op "purge-queue")'],
    ['a step without its payload', edit((p) => delete steps(p)[0]!.ifEmpty), "not a usable topo plan (/steps/0: must have required property 'ifEmpty')"],
    ['a bad guard', edit((p) => ((p.refusals as unknown[]).push({ flag: '--force', change: 0, reason: '' }))), 'not a usable topo plan (/refusals/3/flag: must be one of "--allow-replace", "--allow-data-loss", "--prune")'],
    ['no summary', edit((p) => delete p.summary), "not a usable topo plan (/: must have required property 'summary')"],
  ])('refuses %s with one line', (_title, bad, message) => {
    let error: unknown;
    try {
      parsePlan(bad, 'saved.plan');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TopoError);
    expect((error as TopoError).code).toBe('plan-file');
    expect((error as TopoError).message).toBe(`saved.plan: ${message}`);
  });

  it('is checked on a plan with many kinds of step and refusals', () => {
    expect(new Set(plan.steps.map((s) => s.op))).toEqual(
      new Set(['delete-queue', 'put-vhost', 'declare-queue', 'bind', 'put-policy']),
    );
    expect(plan.refusals.map((r) => r.flag)).toEqual(['--allow-replace', '--allow-data-loss', '--allow-data-loss']);
  });
});
