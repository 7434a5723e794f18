import { TopoError } from '../errors.js';
import { OBJECT_KINDS } from '../model/topology.js';
import { PLAN_FORMAT_VERSION } from './plan.js';
import type { Plan } from './plan.js';

/** A plan as the text `plan --out` writes: stable, indented JSON ending with a newline. */
export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** Each action and the objects its change must carry. */
const ACTION_FIELDS = new Map<string, readonly string[]>([
  ['create', ['after']],
  ['update', ['before', 'after']],
  ['replace', ['before', 'after']],
  ['delete', ['before']],
  ['unmanaged', ['before']],
  ['runtime', ['after']],
]);
const KINDS: ReadonlySet<string> = new Set(OBJECT_KINDS);
const FLAGS = new Set(['--allow-replace', '--allow-data-loss', '--prune']);
/** Each step operation and the fields it must carry, with their JSON type. */
const STEP_FIELDS = new Map<string, Record<string, 'string' | 'object' | 'boolean'>>([
  ['put-vhost', { vhost: 'object' }],
  ['declare-exchange', { exchange: 'object' }],
  ['delete-exchange', { vhost: 'string', name: 'string' }],
  ['declare-queue', { queue: 'object' }],
  ['delete-queue', { vhost: 'string', name: 'string', ifEmpty: 'boolean' }],
  ['bind', { binding: 'object' }],
  ['unbind', { binding: 'object' }],
  ['put-policy', { policy: 'object', operator: 'boolean' }],
  ['delete-policy', { vhost: 'string', name: 'string', operator: 'boolean' }],
]);

/**
 * Reads a plan saved by `serializePlan`. Checks the format version and enough of the shape
 * (changes, steps in a valid order, guards) to refuse a foreign or corrupt file with one
 * `TopoError('plan-file', ...)` line naming `file`. It does not check that the plan is
 * fresh: that is the fingerprint's job.
 */
export function parsePlan(text: string, file: string): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new TopoError('plan-file', `${file}: not a topo plan (not valid JSON)`);
  }
  const problem = planProblem(data);
  if (problem) throw new TopoError('plan-file', `${file}: not a usable topo plan (${problem})`);
  return data as Plan;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown, length: number): boolean => Number.isInteger(v) && (v as number) >= 0 && (v as number) < length;

/** The first thing wrong with `data` as a Plan, or undefined. */
function planProblem(data: unknown): string | undefined {
  if (!isObject(data)) return 'not a JSON object';
  if (data.formatVersion !== PLAN_FORMAT_VERSION) {
    return data.formatVersion === undefined
      ? 'no formatVersion'
      : `formatVersion ${JSON.stringify(data.formatVersion)}, this topo reads ${PLAN_FORMAT_VERSION}`;
  }
  if (!Array.isArray(data.vhosts) || !data.vhosts.every((v) => typeof v === 'string')) return 'bad vhosts';
  if (typeof data.fingerprint !== 'string' || data.fingerprint === '') return 'bad fingerprint';
  const options = data.options;
  if (!isObject(options) || !['prune', 'allowReplace', 'allowDataLoss'].every((k) => typeof options[k] === 'boolean')) {
    return 'bad options';
  }
  if (!Array.isArray(data.changes)) return 'no changes';
  const changes = data.changes as unknown[];
  for (const [i, c] of changes.entries()) {
    const problem = changeProblem(c);
    if (problem) return `change ${i}: ${problem}`;
  }
  if (!Array.isArray(data.steps)) return 'no steps';
  for (const [i, s] of (data.steps as unknown[]).entries()) {
    const problem = stepProblem(s, i, changes.length);
    if (problem) return `step ${i}: ${problem}`;
  }
  for (const key of ['guards', 'refusals'] as const) {
    const list = data[key];
    if (!Array.isArray(list)) return `no ${key}`;
    const bad = list.findIndex(
      (g) => !isObject(g) || !FLAGS.has(g.flag as string) || !isIndex(g.change, changes.length) || typeof g.reason !== 'string',
    );
    if (bad >= 0) return `${key} ${bad}: bad guard`;
  }
  const summary = data.summary;
  if (!isObject(summary) || ![...ACTION_FIELDS.keys()].every((a) => Number.isInteger(summary[a]))) return 'bad summary';
  if (data.broker !== undefined && !(isObject(data.broker) && typeof data.broker.version === 'string')) return 'bad broker';
  if (!Array.isArray(data.problems)) return 'no problems';
  const badProblem = data.problems.findIndex(
    (p) => !isObject(p) || (p.severity !== 'error' && p.severity !== 'warning') || typeof p.message !== 'string' || !isObject(p.subject),
  );
  if (badProblem >= 0) return `problems ${badProblem}: bad problem`;
  return undefined;
}

function changeProblem(c: unknown): string | undefined {
  if (!isObject(c)) return 'not an object';
  const needs = ACTION_FIELDS.get(c.action as string);
  if (!needs) return `unknown action ${JSON.stringify(c.action)}`;
  if (!KINDS.has(c.kind as string)) return `unknown kind ${JSON.stringify(c.kind)}`;
  if (typeof c.vhost !== 'string' || typeof c.name !== 'string') return 'no vhost or name';
  const missing = needs.find((k) => !isObject(c[k]));
  return missing ? `no ${missing}` : undefined;
}

function stepProblem(s: unknown, index: number, changeCount: number): string | undefined {
  if (!isObject(s)) return 'not an object';
  if (s.id !== index) return 'ids out of order';
  if (!isIndex(s.change, changeCount)) return 'bad change index';
  // The executor relies on dependencies pointing backwards: that makes the order valid.
  if (!Array.isArray(s.dependsOn) || !s.dependsOn.every((d) => isIndex(d, index))) return 'bad dependsOn';
  const fields = STEP_FIELDS.get(s.op as string);
  if (!fields) return `unknown op ${JSON.stringify(s.op)}`;
  const bad = Object.entries(fields).find(([k, type]) => (type === 'object' ? !isObject(s[k]) : typeof s[k] !== type));
  return bad ? `${s.op as string} without ${bad[0]}` : undefined;
}
