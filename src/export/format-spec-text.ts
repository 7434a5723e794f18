import { compareStrings } from '../text/compare-strings.js';
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { applyFlowLayout, TO_STRING_OPTIONS, type YamlPath } from './flow-layout.js';
import { keepBlock, LINE_WIDTH } from './topology-to-yaml.js';

/** The result of formatting one spec file's text. */
export type FormatResult = { ok: true; text: string } | { ok: false; error: string };

/** Property order of each kind of object, as `topo export` writes them (./export-document.ts). */
const ORDER: Record<string, readonly string[]> = {
  top: ['version', 'vhosts', 'tests'],
  vhost: ['description', 'tags', 'ignore', 'exchanges', 'queues', 'bindings', 'policies', 'operatorPolicies'],
  exchange: ['type', 'durable', 'autoDelete', 'internal', 'alternateExchange', 'arguments'],
  queue: ['type', 'durable', 'autoDelete', 'exclusive', 'serverNamed', 'arguments'],
  binding: ['source', 'destination', 'destinationType', 'routingKey', 'routingKeys', 'arguments'],
  policy: ['pattern', 'applyTo', 'priority', 'definition'],
  test: ['name', 'vhost', 'exchange', 'routingKey', 'headers', 'expect'],
};

/** Sections whose keys are object names: sorted, each value an object of that kind. */
const NAMED_SECTIONS: Record<string, string> = {
  exchanges: 'exchange',
  queues: 'queue',
  policies: 'policy',
  operatorPolicies: 'policy',
};

/**
 * A spec file's text in the canonical style `topo export` writes (`topo fmt`): properties in
 * export's order, exchanges, queues and policies sorted by name, argument and definition keys
 * sorted, each object on one line when it fits. Only the layout changes: values are kept as
 * written (`${var:…}` references, quoting, numbers), lists keep their order, and comments stay
 * with what they describe; a collection holding a comment stays in block style. Unknown keys
 * keep their place after the known ones. Text that is not YAML is an error. Pure.
 */
export function formatSpecText(text: string): FormatResult {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return { ok: false, error: 'no YAML document' };
  for (const doc of docs) {
    const problem = doc.errors[0];
    if (problem) return { ok: false, error: `not valid YAML (${problem.message.split('\n')[0]}): run topo validate` };
  }
  const out = docs.map((doc) => formatDocument(doc)).join('---\n');
  return { ok: true, text: out };
}

function formatDocument(doc: Document): string {
  const top = doc.contents;
  if (isMap(top)) {
    orderKeys(top, ORDER.top!);
    const vhosts = top.get('vhosts', true);
    if (isMap(vhosts)) for (const pair of vhosts.items) if (isMap(pair.value)) formatVhost(pair.value);
    const tests = top.get('tests', true);
    if (isSeq(tests)) for (const item of tests.items) if (isMap(item)) formatObject(item, 'test');
  }
  const commented = commentedPaths(doc);
  applyFlowLayout(doc, (path) => keepBlock(path) || commented.has(pathKey(path)), LINE_WIDTH);
  return doc.toString(TO_STRING_OPTIONS);
}

function formatVhost(vhost: YAMLMap): void {
  orderKeys(vhost, ORDER.vhost!);
  for (const pair of vhost.items) {
    const section = keyOf(pair);
    const kind = NAMED_SECTIONS[section];
    if (kind && isMap(pair.value)) {
      pair.value.items.sort((a, b) => compareStrings(keyOf(a), keyOf(b)));
      for (const object of pair.value.items) if (isMap(object.value)) formatObject(object.value, kind);
    }
    if (section === 'bindings' && isSeq(pair.value)) {
      for (const item of pair.value.items) if (isMap(item)) formatObject(item, 'binding');
    }
  }
}

/** Orders an object's properties, and sorts the keys of its argument-like maps. */
function formatObject(object: YAMLMap, kind: string): void {
  orderKeys(object, ORDER[kind] ?? []);
  for (const pair of object.items) {
    const key = keyOf(pair);
    if ((key === 'arguments' || key === 'definition' || key === 'headers') && isMap(pair.value)) {
      pair.value.items.sort((a, b) => compareStrings(keyOf(a), keyOf(b)));
    }
  }
}

/** Sorts `map`'s pairs by their rank in `order`; unknown keys keep their order, after the known. */
function orderKeys(map: YAMLMap, order: readonly string[]): void {
  const rank = (pair: Pair) => {
    const i = order.indexOf(keyOf(pair));
    return i === -1 ? order.length : i;
  };
  map.items.sort((a, b) => rank(a) - rank(b));
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/** Paths (as applyFlowLayout names them) of the collections with a comment anywhere inside. */
function commentedPaths(doc: Document): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown, path: YamlPath): boolean => {
    let has = hasComment(node);
    if (isMap(node)) {
      for (const pair of node.items) {
        const childHas = hasComment(pair.key) || visit(pair.value, [...path, keyOf(pair)]);
        has = has || childHas;
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (visit(item, [...path, i])) has = true;
      });
    }
    if (has && (isMap(node) || isSeq(node))) found.add(pathKey(path));
    return has;
  };
  visit(doc.contents, []);
  return found;
}

function hasComment(node: unknown): boolean {
  const n = node as Partial<Pick<Node, 'comment' | 'commentBefore'>> | null;
  return Boolean(n && (n.comment || n.commentBefore));
}

function pathKey(path: YamlPath): string {
  return JSON.stringify(path);
}
