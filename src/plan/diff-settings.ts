import { sameValue } from '../model/canonical-json.js';
import { isUriKey } from '../model/plugin-parameter-fields.js';
import type { GlobalParameter, PluginParameter } from '../model/topology.js';
import type { Arguments, Vhost } from '../model/topology.js';
import type { Change, PropertyChange } from './change.js';
import { matchByName } from './match-by-name.js';
import { mapChanges } from './property-changes.js';
import { redactedParameter, revealParameterValue } from './redact-parameter.js';
import type { SecretReader } from '../model/secret-ref.js';

type Emit = (change: Change, id: string) => void;

/** What the diff of one vhost lends to its settings: the `ignore` filter and the output. */
export interface VhostSettingsContext {
  managed: <T extends { name: string }>(list: readonly T[]) => T[];
  emit: Emit;
  /** Reads the URIs the spec takes from secrets; without it, such a URI counts as changed. */
  secrets?: SecretReader;
}

/**
 * How a vhost's limits, federation upstreams and shovels must change. Each kind is compared
 * only when the spec mentions it: a spec without `shovels:` plans nothing about shovels, so
 * several repositories can share a vhost. All of them change in place. Parameter values are
 * compared exactly (URIs with their credentials, as the management API returns them); the
 * broker's side of a change is redacted, and a differing URI is a `secret` property change
 * that shows no value.
 */
export function diffVhostSettings(want: Vhost, have: Vhost | undefined, { managed, emit, secrets }: VhostSettingsContext): void {
  const vhost = want.name;
  if (want.limits) {
    matchByName(
      want.limits,
      have?.limits ?? [],
      (after, before) => {
        const name = after.name;
        if (!before) return emit({ action: 'create', kind: 'vhostLimit', vhost, name, after }, name);
        if (before.value === after.value) return;
        const changed = [{ path: 'value', before: before.value, after: after.value }];
        emit({ action: 'update', kind: 'vhostLimit', vhost, name, before, after, changed }, name);
      },
      (before) => emit({ action: 'unmanaged', kind: 'vhostLimit', vhost, name: before.name, before }, before.name),
    );
  }
  for (const kind of ['federationUpstream', 'shovel'] as const) {
    const wanted = want[kind === 'shovel' ? 'shovels' : 'federationUpstreams'];
    if (!wanted) continue;
    const existing = have?.[kind === 'shovel' ? 'shovels' : 'federationUpstreams'] ?? [];
    matchByName(
      managed(wanted),
      managed(existing),
      (after, found) => {
        const name = after.name;
        if (!found) return emit({ action: 'create', kind, vhost, name, after }, name);
        const changed = parameterChanges(found, after, secrets);
        if (changed.length === 0) return;
        emit({ action: 'update', kind, vhost, name, before: redactedParameter(found), after, changed }, name);
      },
      (found) => emit({ action: 'unmanaged', kind, vhost, name: found.name, before: redactedParameter(found) }, found.name),
    );
  }
}

/**
 * How the broker's global parameters must change; nothing when the spec has no
 * `globalParameters:` (`desired` undefined). `actual` holds none the broker owns.
 */
export function diffGlobalParameters(desired: readonly GlobalParameter[] | undefined, actual: readonly GlobalParameter[], emit: Emit): void {
  if (!desired) return;
  const vhost = '';
  matchByName(
    desired,
    actual,
    (after, before) => {
      const name = after.name;
      if (!before) return emit({ action: 'create', kind: 'globalParameter', vhost, name, after }, name);
      if (sameValue(before.value, after.value)) return;
      const changed = [{ path: 'value', before: before.value, after: after.value }];
      emit({ action: 'update', kind: 'globalParameter', vhost, name, before, after, changed }, name);
    },
    (before) => emit({ action: 'unmanaged', kind: 'globalParameter', vhost, name: before.name, before }, before.name),
  );
}

/**
 * The entries of the values that differ, the spec's URIs read from their secrets; a URI's
 * values are never shown. A secret that cannot be read counts as changed.
 */
function parameterChanges(before: PluginParameter, after: PluginParameter, secrets: SecretReader | undefined): PropertyChange[] {
  let wanted: Arguments;
  try {
    wanted = revealParameterValue(after.value, secrets);
  } catch {
    wanted = after.value;
  }
  return mapChanges('value', before.value, wanted).map((p) =>
    isUriKey(p.path.slice('value.'.length)) ? { path: p.path, before: undefined, after: undefined, secret: true } : p,
  );
}
