import { sameValue } from '../model/canonical-json.js';
import { compareStrings } from '../text/compare-strings.js';
import type { Vhost } from '../model/topology.js';
import type { PropertyChange, VhostMeta } from './change.js';

/** The metadata part of a vhost; absent fields stay absent. */
export function vhostMeta(v: Pick<Vhost, 'name' | 'description' | 'tags' | 'defaultQueueType' | 'protectedFromDeletion'>): VhostMeta {
  return {
    name: v.name,
    ...(v.description !== undefined && { description: v.description }),
    ...(v.tags !== undefined && { tags: v.tags }),
    ...(v.defaultQueueType !== undefined && { defaultQueueType: v.defaultQueueType }),
    ...(v.protectedFromDeletion !== undefined && { protectedFromDeletion: v.protectedFromDeletion }),
  };
}

/**
 * How a vhost's metadata must change. A field the spec leaves out is not managed: brokers
 * give vhosts a description of their own ("Default virtual host"), and planning to erase it
 * would make a fresh apply never converge. Tags are a set (order ignored); a missing
 * description on the broker counts as "", a missing default queue type as classic (what the
 * broker then declares), a missing deletion protection as none. Returns the changed properties and the metadata to write: the spec's
 * fields over the broker's, since the broker resets what a vhost PUT leaves out.
 */
export function diffVhostMeta(
  desired: Vhost,
  actual: Vhost,
): { changed: PropertyChange[]; after: VhostMeta } {
  const changed: PropertyChange[] = [];
  if (desired.description !== undefined && desired.description !== (actual.description ?? '')) {
    changed.push({ path: 'description', before: actual.description, after: desired.description });
  }
  if (desired.tags !== undefined && !sameValue(sortedTags(desired.tags), sortedTags(actual.tags ?? []))) {
    changed.push({ path: 'tags', before: actual.tags, after: desired.tags });
  }
  if (desired.defaultQueueType !== undefined && desired.defaultQueueType !== (actual.defaultQueueType ?? 'classic')) {
    changed.push({ path: 'defaultQueueType', before: actual.defaultQueueType, after: desired.defaultQueueType });
  }
  const protectedNow = actual.protectedFromDeletion ?? false;
  if (desired.protectedFromDeletion !== undefined && desired.protectedFromDeletion !== protectedNow) {
    changed.push({ path: 'protectedFromDeletion', before: protectedNow, after: desired.protectedFromDeletion });
  }
  const after = vhostMeta({
    name: desired.name,
    description: desired.description ?? actual.description,
    tags: desired.tags ?? actual.tags,
    defaultQueueType: desired.defaultQueueType ?? actual.defaultQueueType,
    protectedFromDeletion: desired.protectedFromDeletion ?? actual.protectedFromDeletion,
  });
  return { changed, after };
}

function sortedTags(tags: readonly string[]): string[] {
  return [...new Set(tags)].sort(compareStrings);
}
