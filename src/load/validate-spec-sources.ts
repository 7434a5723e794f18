import { checkSchema } from './check-schema.js';
import { collectSpec } from './collect-spec.js';
import { DiagnosticList, type SpecResult } from './diagnostic.js';
import type { InterpolationSources } from './interpolate.js';
import { normalizeSpec } from './normalize.js';
import { parseSpecFile } from './parse-spec-file.js';
import type { SpecSource } from './spec-source.js';
import { runSemanticRules } from './rules/semantic-rules.js';

/**
 * The whole spec stage on texts already read: parse (with positions and interpolation),
 * schema, merge, semantic rules, then normalize when nothing is wrong. Pure and synchronous;
 * `diagnostics` may already hold problems found while reading files.
 */
export function validateSpecSources(
  sources: readonly SpecSource[],
  interpolation: InterpolationSources,
  diagnostics: DiagnosticList = new DiagnosticList(),
): SpecResult {
  const documents = sources.flatMap((source) => parseSpecFile(source.file, source.text, interpolation, diagnostics));
  const checked = documents.map((document) => ({ document, invalid: checkSchema(document, diagnostics) }));
  const spec = collectSpec(checked, diagnostics);
  runSemanticRules(spec, diagnostics);
  const { errors, warnings } = diagnostics.split();
  if (errors.length > 0) return { ok: false, errors, warnings };
  return { ok: true, topology: normalizeSpec(spec), warnings };
}
