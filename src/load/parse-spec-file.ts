import type { DiagnosticList } from './diagnostic.js';
import type { InterpolationSources } from './interpolate.js';
import { parseWithYaml, yamlPositions } from './parse-with-yaml.js';
import type { SpecDocument } from './parsed-document.js';
import { readWithJsYaml } from './read-with-js-yaml.js';
import { specText } from './spec-text.js';

/**
 * Parses one spec file's text into its YAML documents (several when separated by `---`), each
 * converted to plain JSON with `${env:...}`/`${var:...}` references replaced. YAML syntax
 * errors, missing references and duplicate keys are reported to `diagnostics`; a document
 * with syntax errors is left out. A later duplicate key is dropped, so the first one wins.
 *
 * Line breaks may be LF, CRLF or CR (./spec-text.ts). js-yaml reads the values, once; the
 * yaml package reads a file again only to find where something was written (when a
 * diagnostic or a failed routing test needs it), or to describe the problems of a file
 * js-yaml cannot read cleanly (./read-with-js-yaml.ts says which).
 */
export function parseSpecFile(
  file: string,
  written: string,
  sources: InterpolationSources,
  diagnostics: DiagnosticList,
): SpecDocument[] {
  const text = specText(written);
  const positionsOf = () => yamlPositions(file, text, sources);
  return readWithJsYaml(file, text, sources, diagnostics, positionsOf) ?? parseWithYaml(file, text, sources, diagnostics);
}
