import { isPair, visit } from 'yaml';
import type { Topology } from '../model/topology.js';
import { applyFlowLayout, TO_STRING_OPTIONS, yamlDocument, type YamlPath } from './flow-layout.js';
import { specDocument, type ExportOptions } from './export-document.js';
import { isSecretPath } from '../model/secret-ref.js';

export interface YamlOptions extends ExportOptions {
  /**
   * Where the JSON Schema is, as seen from the written file: written as the
   * `# yaml-language-server: $schema=…` modeline on top, so editors validate and complete.
   * No modeline when absent.
   */
  schemaPath?: string;
}

/** Lines longer than this are written in block style. */
export const LINE_WIDTH = 120;

const SECTIONS = new Set([
  'exchanges',
  'queues',
  'bindings',
  'policies',
  'operatorPolicies',
  'permissions',
  'topicPermissions',
  'federationUpstreams',
  'shovels',
]);

/**
 * A Topology as one spec YAML document (docs/format.md): minimal (defaults left out), idiomatic
 * (`type: quorum`, `alternateExchange`, `routingKeys`), sorted by code point so that two
 * exports of the same broker are byte-identical and two different ones diff cleanly. Each
 * object is one line (`hello: {}`) when it fits. Strings are quoted only where YAML (1.1 or
 * 1.2) would misread them, and a literal `${` is escaped as `$${`; numbers stay numbers.
 * Loading the text back with the spec loader gives the same Topology. Pure.
 */
export function topologyToYaml(topology: Topology, options: YamlOptions = {}): string {
  const doc = yamlDocument(specDocument(topology, options));
  // The loader reads `${env:X}` and `${var:x}` references in every string, keys included;
  // `$${` is its escape for a literal `${`, so a name such as `a${b}` loads back as itself.
  // Secret fields hold references on purpose (a password placeholder): they stay as they are.
  visit(doc, {
    Scalar(key, node, path) {
      if (typeof node.value !== 'string') return;
      // A list of URIs: each item is part of its secret field.
      if ((key === 'value' || typeof key === 'number') && isSecretPath(path.filter(isPair).map((p) => String((p.key as { value?: unknown } | null)?.value)))) return;
      node.value = node.value.replaceAll('${', () => '$${');
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
  if (top === 'users') return path.length <= 1;
  if (top === 'vhosts') return path.length <= 2 || (path.length === 3 && SECTIONS.has(String(section)));
  return path.length <= 1;
}
