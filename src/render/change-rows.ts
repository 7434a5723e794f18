import { diffLines } from 'diff';
import type { MigrateChange, PropertyChange, ReplaceChange } from '../plan/change.js';
import { objectLabel, objectName } from '../plan/object-label.js';
import { messageCountText, type MessageCount } from '../plan/message-count.js';
import { unreachable } from '../plan/unreachable.js';
import { redactParameterValue } from '../plan/redact-parameter.js';
import { compareStrings } from '../text/compare-strings.js';
import type { ArgumentValue, Arguments } from '../model/topology.js';
import type { ChangeView } from './plan-view.js';

/** The mark in front of a row: Terraform's, `<>` for a migrate, and blank for context. */
export type Sign = '+' | '-' | '~' | '-/+' | '<>' | ' ';

/** What a migration does to messages, in one line of the plan (docs/apply.md says it in full). */
const MIGRATION_NOTE =
  'for messages: new arrivals interleave, an interrupted move may duplicate, TTLs and delivery counts restart (docs/apply.md)';

/**
 * One line of a change as a person reads it; renderers decide indentation and colour.
 * `depth` 1 is the change's headline, 2 its details, 3 the lines of an arguments diff.
 * `warning` marks what forces a replacement.
 */
export interface Row {
  sign: Sign;
  depth: number;
  text: string;
  warning?: boolean;
}

/**
 * The rows of a change that apply carries out (create, update, replace, delete); none for
 * unmanaged and runtime ones, which are listed apart with `objectLabel`. Changed arguments
 * and policy definitions are shown as a line diff (the `diff` package).
 */
export function changeRows(c: ChangeView): Row[] {
  const head = objectName(c);
  switch (c.action) {
    case 'create': {
      const origin = c.recreatedFor
        ? `  # re-created with ${objectName(c.recreatedFor)}${c.outsideSpec ? ` (${c.outsideSpec})` : ''}`
        : '';
      return [{ sign: '+', depth: 1, text: `${head}${attributes(c)}${origin}` }];
    }
    case 'update': {
      if (c.kind !== 'shovel' && c.kind !== 'federationUpstream') {
        return [{ sign: '~', depth: 1, text: head }, ...propertyRows(c.changed, c.before, c.after)];
      }
      // The spec's side names its secrets (`${env:X}`), the broker's hides passwords: a URI
      // that did not change is shown as the broker has it on both sides.
      const before = redactParameterValue(c.before.value);
      const after = redactParameterValue(c.after.value);
      for (const key of Object.keys(after)) {
        const same = !c.changed.some((p) => p.path === `value.${key}`);
        if (same && Object.hasOwn(before, key)) after[key] = before[key] as ArgumentValue;
      }
      return [{ sign: '~', depth: 1, text: head }, ...propertyRows(c.changed, { value: before }, { value: after })];
    }
    case 'replace':
      return [{ sign: '-/+', depth: 1, text: `${head}${messages(c.messages)}` }, ...forcedRows(c)];
    case 'migrate':
      return migrateRows(c, head);
    case 'delete':
      return [{ sign: '-', depth: 1, text: `${head}${c.kind === 'binding' ? attributes(c) : ''}${messages(c.messages)}` }];
    case 'unmanaged':
    case 'runtime':
      return [];
    default:
      return unreachable(c);
  }
}

/** What forces a replace (or a migration's re-create), and the arguments diff when arguments do. */
function forcedRows(c: Pick<ReplaceChange | MigrateChange, 'forcedBy' | 'before' | 'after'>): Row[] {
  const forces = c.forcedBy.map(
    (p): Row => ({ sign: ' ', depth: 2, text: `# forces replacement: ${p.path} ${show(p.before)} → ${show(p.after)}`, warning: true }),
  );
  const args =
    c.before && c.forcedBy.some((p) => p.path.startsWith('arguments.'))
      ? mapDiffRows('arguments', c.before.arguments, c.after.arguments)
      : [];
  return [...forces, ...args];
}

/**
 * A migration: its messages, or where an interrupted one left them; what forces the
 * re-create; the holding queue; what changes for the messages; a risky policy, in red.
 */
function migrateRows(c: MigrateChange, head: string): Row[] {
  const { found, name, policy } = c.holding;
  const holding = JSON.stringify(name);
  const state = [
    ...(c.before && c.messages !== undefined ? [countText(c.messages)] : []),
    ...(found ? [`resuming: ${countText(found.messages ?? 'unknown')} in holding queue ${holding}`] : []),
  ];
  const note = (text: string, warning = false): Row => ({ sign: ' ', depth: 2, text: `# ${text}`, ...(warning ? { warning } : {}) });
  return [
    { sign: '<>', depth: 1, text: `${head}${state.length > 0 ? ` (${state.join('; ')})` : ''}` },
    ...forcedRows(c),
    ...(found ? [] : [note(`messages move to holding queue ${holding} and back; none is lost`)]),
    note(MIGRATION_NOTE),
    ...(policy !== undefined ? [note(`the holding queue falls under ${policy}`, true)] : []),
  ];
}

/** The one-line name of an unmanaged or runtime object in its list. */
export function listedLabel(c: ChangeView): string {
  return `${objectLabel(c)}${c.kind === 'binding' ? attributes(c) : ''}`;
}

/** How a created user logs in, never with its password. */
const CREDENTIAL_WORDS = { none: 'no password', password: 'password from a secret', hash: 'password hash' } as const;

/** What a created object is, in brackets: type, non-default flags, arguments. */
function attributes(c: ChangeView): string {
  const parts: string[] = [];
  const flag = (name: string, value: boolean, fallback: boolean): void => {
    if (value !== fallback) parts.push(`${name}=${value}`);
  };
  const map = (name: string, value: Arguments): void => {
    if (Object.keys(value).length > 0) parts.push(`${name}=${JSON.stringify(value)}`);
  };
  if (c.kind === 'binding') {
    const b = c.action === 'create' || c.action === 'runtime' ? c.after : c.before;
    if (b.destinationType === 'exchange') parts.push('to exchange');
    map('arguments', b.arguments);
  } else if (c.action === 'create') {
    switch (c.kind) {
      case 'vhost':
        if (c.after.description !== undefined) parts.push(`description=${JSON.stringify(c.after.description)}`);
        if (c.after.tags !== undefined) parts.push(`tags=${JSON.stringify(c.after.tags)}`);
        if (c.after.defaultQueueType !== undefined) parts.push(`defaultQueueType=${c.after.defaultQueueType}`);
        if (c.after.protectedFromDeletion === true) parts.push('protectedFromDeletion=true');
        break;
      case 'vhostLimit':
      case 'globalParameter':
        parts.push(`value=${JSON.stringify(c.after.value)}`);
        break;
      case 'federationUpstream':
      case 'shovel':
        map('value', redactParameterValue(c.after.value));
        break;
      case 'exchange':
      case 'queue':
        parts.push(`type=${c.after.type}`);
        flag('durable', c.after.durable, true);
        flag('autoDelete', c.after.autoDelete, false);
        if (c.kind === 'exchange') flag('internal', c.after.internal, false);
        else flag('exclusive', c.after.exclusive, false);
        map('arguments', c.after.arguments);
        break;
      case 'policy':
      case 'operatorPolicy':
        parts.push(`pattern=${JSON.stringify(c.after.pattern)}`, `applyTo=${c.after.applyTo}`, `priority=${c.after.priority}`);
        map('definition', c.after.definition);
        break;
      case 'user':
        if (c.after.tags.length > 0) parts.push(`tags=${JSON.stringify(c.after.tags)}`);
        parts.push(CREDENTIAL_WORDS[c.after.credential.type]);
        map('limits', (c.after.limits ?? {}) as Arguments);
        break;
      case 'permission':
        parts.push(`configure=${JSON.stringify(c.after.configure)}`, `write=${JSON.stringify(c.after.write)}`, `read=${JSON.stringify(c.after.read)}`);
        break;
      case 'topicPermission':
        map('exchanges', c.after.exchanges as Arguments);
        break;
    }
  }
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** Scalar changes as `path: before → after`; a changed map (definition) as one diff. */
function propertyRows(changed: readonly PropertyChange[], before: object, after: object): Row[] {
  const rows: Row[] = [];
  const maps = new Set<string>();
  for (const p of changed) {
    // A secret is never shown, nor anything derived from it.
    if (p.secret) {
      rows.push({ sign: '~', depth: 2, text: `${p.path} (changed)` });
      continue;
    }
    const dot = p.path.indexOf('.');
    if (dot < 0) rows.push({ sign: '~', depth: 2, text: `${p.path}: ${show(p.before)} → ${show(p.after)}` });
    else maps.add(p.path.slice(0, dot));
  }
  for (const name of maps) {
    const of = (o: object): Arguments => ((o as Record<string, Arguments | undefined>)[name] ?? {});
    rows.push(...mapDiffRows(name, of(before), of(after)));
  }
  return rows;
}

/** `name:` then every entry of the map, one per line, marked by a line diff of both sides. */
function mapDiffRows(name: string, before: Arguments, after: Arguments): Row[] {
  const rows: Row[] = [{ sign: ' ', depth: 2, text: `${name}:` }];
  for (const part of diffLines(entryLines(before), entryLines(after))) {
    const sign: Sign = part.added ? '+' : part.removed ? '-' : ' ';
    for (const line of part.value.split('\n').slice(0, -1)) rows.push({ sign, depth: 3, text: line });
  }
  return rows;
}

/** `key: value` lines, keys sorted, each ending in a newline (so the last line diffs too). */
function entryLines(map: Arguments): string {
  return Object.keys(map)
    .sort(compareStrings)
    .map((key) => `${/^[\w.-]+$/.test(key) ? key : JSON.stringify(key)}: ${JSON.stringify(map[key])}\n`)
    .join('');
}

function show(value: ArgumentValue | undefined): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

/** `12 messages`, or `messages unknown`. */
function countText(count: MessageCount): string {
  return count === 'unknown' ? 'messages unknown' : messageCountText(count);
}

function messages(count: MessageCount | undefined): string {
  return count === undefined ? '' : ` (${countText(count)})`;
}
