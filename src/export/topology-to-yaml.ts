import { visit } from 'yaml';
import type { Topology } from '../model/topology.js';
import { applyFlowLayout, TO_STRING_OPTIONS, yamlDocument, type YamlPath } from './flow-layout.js';
import { specDocument } from './export-document.js';
import { placeholderReference } from './secret-placeholder.js';

export interface YamlOptions {
  /**
   * Where the JSON Schema is, as seen from the written file: written as the
   * `# yaml-language-server: $schema=…` modeline on top, so editors validate and complete.
   * No modeline when absent.
   */
  schemaPath?: string;
}

/** Lines longer than this are written in block style. */
export const LINE_WIDTH = 120;

const SECTIONS = new Set(['exchanges', 'queues', 'bindings', 'policies', 'operatorPolicies', 'federationUpstreams', 'shovels']);

/**
 * A Topology as one spec YAML document (docs/format.md): minimal (defaults left out), idiomatic
 * (`type: quorum`, `alternateExchange`, `routingKeys`), sorted by code point so that two
 * exports of the same broker are byte-identical and two different ones diff cleanly. Each
 * object is one line (`hello: {}`) when it fits. Strings are quoted only where YAML (1.1 or
 * 1.2) would misread them, and a literal `${` is escaped as `$${`; numbers stay numbers.
 * Loading the text back with the spec loader gives the same Topology. Pure.
 */
export function topologyToYaml(topology: Topology, options: YamlOptions = {}): string {
  const doc = yamlDocument(specDocument(topology));
  // The loader reads `${env:X}` and `${var:x}` references in every string, keys included;
  // `$${` is its escape for a literal `${`, so a name such as `a${b}` loads back as itself.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      node.value = placeholderReference(node.value) ?? node.value.replaceAll('${', () => '$${');
    },
  });
  applyFlowLayout(doc, keepBlock, LINE_WIDTH);
  const modeline = options.schemaPath === undefined ? '' : `# yaml-language-server: $schema=${options.schemaPath}\n`;
  return modeline + doc.toString(TO_STRING_OPTIONS);
}

/**
 * The skeleton (vhosts, their sections, the tests list) stays block style so that adding one
 * object changes one line. Shared with `topo fmt` (./format-spec-text.ts).
 */
export function keepBlock(path: YamlPath): boolean {
  const [top, , section] = path;
  if (top === 'vhosts') return path.length <= 2 || (path.length === 3 && SECTIONS.has(String(section)));
  return path.length <= 1;
}
