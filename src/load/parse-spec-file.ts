import type { DiagnosticList } from './diagnostic.js';
import { parseFast } from './fast-parse.js';
import type { InterpolationSources } from './interpolate.js';
import { parseWithYaml } from './parse-with-yaml.js';
import type { SpecDocument } from './parsed-document.js';

/**
 * Parses one spec file into its YAML documents (several when separated by `---`), each
 * converted to plain JSON with `${env:...}`/`${var:...}` references replaced. YAML syntax
 * errors, missing references and duplicate keys are reported to `diagnostics`; a document
 * with syntax errors is left out. A later duplicate key is dropped, so the first one wins.
 *
 * Ordinary files are read by js-yaml (fast); the yaml package reads the rest and reports
 * syntax errors. Both give the same documents, positions and diagnostics.
 */
export function parseSpecFile(
  file: string,
  text: string,
  sources: InterpolationSources,
  diagnostics: DiagnosticList,
): SpecDocument[] {
  return parseFast(file, text, sources, diagnostics) ?? parseWithYaml(file, text, sources, diagnostics);
}
