import { compareStrings } from '../text/compare-strings.js';
import { readScopeOf, type ReadScope, type ScopeSubject } from '../model/read-scope.js';
import { isRecord } from './collect-spec.js';
import type { SpecDocument } from './parsed-document.js';

/**
 * What a plan of a spec will read from the broker, told from its parsed documents before they
 * are validated: the vhosts it names, sorted, and the kinds it mentions. A command that talks
 * to a broker starts reading it from this while the spec is still being checked (`topo plan`:
 * the broker answers as the spec is validated); the plan uses that reading only if the
 * validated spec asks for the same (an invalid spec may differ), and reads again otherwise.
 */
export interface SpecOutline {
  vhosts: string[];
  scope: ReadScope;
  /** How many queues and bindings each vhost declares (which way the broker is read fastest may depend on it). */
  objects: Map<string, number>;
}

/** The outline of parsed documents: the keys they hold, as collect-spec.ts merges them. */
export function outlineOf(documents: readonly SpecDocument[]): SpecOutline {
  const vhosts = new Map<string, ScopeSubject['vhosts'][number]>();
  const subject: ScopeSubject = { vhosts: [] };
  const objects = new Map<string, number>();
  for (const { value } of documents) {
    if (!isRecord(value)) continue;
    if (value.users !== undefined) subject.users = [];
    if (value.globalParameters !== undefined) subject.globalParameters = [];
    if (!isRecord(value.vhosts)) continue;
    for (const [name, body] of Object.entries(value.vhosts)) {
      const vhost = vhosts.get(name) ?? { name };
      vhosts.set(name, vhost);
      if (!isRecord(body)) continue;
      const declared = (isRecord(body.queues) ? Object.keys(body.queues).length : 0) + (Array.isArray(body.bindings) ? body.bindings.length : 0);
      objects.set(name, (objects.get(name) ?? 0) + declared);
      // Presence is all the scope looks at: an empty list stands for any.
      const mentions = {
        ...(body.permissions !== undefined && { permissions: [] }),
        ...(body.topicPermissions !== undefined && { topicPermissions: [] }),
        ...(isRecord(body.limits) && { limits: [] }),
        ...(Object.hasOwn(body, 'shovels') && { shovels: [] }),
        ...(Object.hasOwn(body, 'federationUpstreams') && { federationUpstreams: [] }),
      };
      vhosts.set(name, { ...vhost, ...mentions });
    }
  }
  const sorted = [...vhosts.values()].sort((a, b) => compareStrings(a.name, b.name));
  return { vhosts: sorted.map((v) => v.name), scope: readScopeOf({ ...subject, vhosts: sorted }), objects };
}
