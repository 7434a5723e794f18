import type { NormalizedTopology } from '../model/normalized-topology.js';
import { createHash } from 'node:crypto';
import type { BrokerFacts } from '../broker/broker-facts.js';
import { compareStrings } from '../text/compare-strings.js';
import type { Vhost } from '../model/topology.js';
import { redactedParameter } from './redact-parameter.js';

/**
 * A hash of the broker state a plan was computed from: the named vhosts of `actual` (a
 * vhost that does not exist counts as such), without source locations and without message
 * counts, and with what the plan was checked against: the broker's version and the deprecated
 * features it denies (not which ones are in use: anyone's queue changes that). `apply --plan`
 * compares it to refuse a stale plan. Hex SHA-256. Pure.
 *
 * Objects are hashed as the broker reader normalizes them (fields in its fixed order,
 * argument keys sorted: src/model/topology.ts), which is what makes two reads of the same
 * state equal; the order of objects within a vhost and of tags does not matter. Native
 * JSON keeps this a few milliseconds for 10,000 objects: a difference in key order could
 * only make a plan look stale, never hide a change.
 */
export function fingerprintState(actual: NormalizedTopology, vhosts: readonly string[], broker?: BrokerFacts): string {
  const byName = new Map(actual.vhosts.map((v) => [v.name, v]));
  const hash = createHash('sha256');
  if (broker) {
    const denied = (broker.deprecatedFeatures ?? []).filter((f) => !f.permitted).map((f) => f.name);
    hash.update(`${JSON.stringify([broker.version, denied.sort(compareStrings)])}\n`);
  }
  for (const name of [...new Set(vhosts)].sort(compareStrings)) {
    const v = byName.get(name);
    hash.update(`${JSON.stringify(name)}\n`);
    hash.update(v ? vhostState(v) : 'absent\n');
  }
  // Global parameters count only when read (a spec that mentions them).
  if (actual.globalParameters) hash.update(`global parameters\n${lines(actual.globalParameters)}\n`);
  // Users and permissions count only when read (a spec that mentions them): the hash of a
  // plan that does not is the same as before they existed.
  if (actual.users) hash.update(`users\n${actual.users.map((u) => JSON.stringify(withoutLoc(u))).join('\n')}\n`);
  return hash.digest('hex');
}

/** One JSON line per object, sorted within each kind, so read order does not matter. */
function vhostState(v: Vhost): string {
  const meta = JSON.stringify([
    v.description ?? '',
    [...(v.tags ?? [])].sort(compareStrings),
    v.defaultQueueType ?? '',
    // Only when set, like the settings below: a vhost without them hashes as before they existed.
    ...(v.protectedFromDeletion ? [true] : []),
  ]);
  const kinds = [v.exchanges, v.queues, v.bindings, v.policies, v.operatorPolicies];
  const sections = kinds.map((objects) => lines(objects));
  const access =
    v.permissions || v.topicPermissions
      ? [v.permissions, v.topicPermissions].map((list) => (list ? list.map((p) => JSON.stringify(withoutLoc(p))).join('\n') : 'not read')).join('\n--\n')
      : '';
  // URIs redacted: a saved plan holds nothing derived from a secret, not even in a hash.
  const settings = [v.limits ?? [], (v.shovels ?? []).map(redactedParameter), (v.federationUpstreams ?? []).map(redactedParameter)];
  const settingsState = settings.some((list) => list.length > 0) ? `${settings.map(lines).join('\n--\n')}\n` : '';
  return `${meta}\n${sections.join('\n--\n')}\n${access ? `${access}\n` : ''}${settingsState}`;
}

function withoutLoc<T extends { loc?: unknown }>(o: T): Omit<T, 'loc'> {
  const { loc: _loc, ...state } = o;
  return state;
}

/** One JSON line per object, without its location and vhost, sorted. */
function lines(objects: readonly { loc?: unknown; vhost?: string }[]): string {
  return objects
    .map((o) => {
      const { loc: _loc, vhost: _vhost, ...state } = o;
      return JSON.stringify(state);
    })
    .sort(compareStrings)
    .join('\n');
}
