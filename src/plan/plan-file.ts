import { TopoError } from '../errors.js';
import { schemaErrorLine, type SchemaError } from '../text/schema-error-line.js';
import generatedValidator from './generated/plan-schema-validator.js';
import { OBJECT_KINDS } from '../model/topology.js';
import { isChangeAction } from './change.js';
import { PLAN_FORMAT_VERSION } from './plan.js';
import { isStepOp } from './step.js';
import type { Plan } from './plan.js';

/** A plan as the text `plan --out` writes: stable, indented JSON ending with a newline. */
export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/**
 * Reads a plan saved by `serializePlan`. Checks the format version, then the whole shape
 * against schemas/plan.schema.json (generated from the `Plan` type, so every change carries
 * the object its kind needs: `after: {}` is refused), then what a schema cannot say (steps
 * in a valid order, indexes that point at existing changes). A foreign or corrupt file is one
 * `TopoError('plan-file', ...)` line naming `file`. It does not check that the plan is fresh:
 * that is the fingerprint's job.
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

/** The precompiled check of schemas/plan.schema.json (generated code carries no types). */
const validatePlanSchema = generatedValidator as unknown as { (data: unknown): boolean; errors?: SchemaError[] | null };

const KINDS: ReadonlySet<string> = new Set(OBJECT_KINDS);

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: number, length: number): boolean => v >= 0 && v < length;

/** The first thing wrong with `data` as a Plan, or undefined. */
function planProblem(data: unknown): string | undefined {
  if (!isObject(data)) return 'not a JSON object';
  if (data.formatVersion !== PLAN_FORMAT_VERSION) {
    return data.formatVersion === undefined
      ? 'no formatVersion'
      : `formatVersion ${JSON.stringify(data.formatVersion)}, this topo reads ${PLAN_FORMAT_VERSION}`;
  }
  // The union's discriminators first: a schema can only say that no alternative fits.
  const unknown = unknownDiscriminator(data);
  if (unknown) return unknown;
  if (!validatePlanSchema(data)) return schemaErrorLine(validatePlanSchema.errors);
  const plan = data as unknown as Plan;
  const changes = plan.changes.length;
  for (const [i, step] of plan.steps.entries()) {
    if (step.id !== i) return `step ${i}: ids out of order`;
    if (!isIndex(step.change, changes)) return `step ${i}: bad change index`;
    // The executor relies on dependencies pointing backwards: that makes the order valid.
    if (!step.dependsOn.every((d) => isIndex(d, i))) return `step ${i}: bad dependsOn`;
  }
  for (const key of ['guards', 'refusals'] as const) {
    const bad = plan[key].findIndex((g) => !isIndex(g.change, changes));
    if (bad >= 0) return `${key} ${bad}: bad change index`;
  }
  return undefined;
}

function unknownDiscriminator(data: Json): string | undefined {
  const changes = Array.isArray(data.changes) ? (data.changes as unknown[]) : [];
  for (const [i, c] of changes.entries()) {
    if (!isObject(c)) continue;
    if (!isChangeAction(c.action)) return `change ${i}: unknown action ${JSON.stringify(c.action)}`;
    if (!KINDS.has(c.kind as string)) return `change ${i}: unknown kind ${JSON.stringify(c.kind)}`;
  }
  const steps = Array.isArray(data.steps) ? (data.steps as unknown[]) : [];
  const bad = steps.findIndex((s) => isObject(s) && !isStepOp(s.op));
  return bad >= 0 ? `step ${bad}: unknown op ${JSON.stringify((steps[bad] as Json).op)}` : undefined;
}
