import { pluginParameterSpec } from '../model/plugin-parameter-fields.js';
import type { PluginKind } from '../model/parameters.js';
import type { PluginParameter, Vhost } from '../model/topology.js';
import { leaveOut, type NotExported } from './not-exported.js';

const NOUNS: Record<PluginKind, [string, string]> = {
  shovel: ['shovel', 'shovels'],
  federationUpstream: ['federation upstream', 'federation upstreams'],
};

/**
 * Why the format cannot say this shovel or upstream, or undefined when it can: an AMQP 1.0
 * (or local) shovel, or a key the format does not know (another plugin version's). Pure.
 */
export function whyNotExportable(kind: PluginKind, p: PluginParameter): string | undefined {
  const protocols = [p.value['src-protocol'], p.value['dest-protocol']].filter((v) => v !== undefined && v !== 'amqp091');
  if (protocols.length > 0) return `using ${String(protocols[0])}`;
  const mapped = pluginParameterSpec(kind, p.value);
  if ('unknownKeys' in mapped) return `with keys topo cannot write (${mapped.unknownKeys.join(', ')})`;
  return undefined;
}

/** A vhost's shovels and upstreams that export can write; the others go to `notExported`. */
export function exportableParameters(
  vhost: Vhost,
  notExported: NotExported[],
): Pick<Vhost, 'shovels' | 'federationUpstreams'> {
  const keep = (kind: PluginKind, list: readonly PluginParameter[] | undefined): PluginParameter[] | undefined =>
    list?.filter((p) => {
      const reason = whyNotExportable(kind, p);
      const [one, many] = NOUNS[kind];
      if (reason !== undefined) leaveOut(notExported, `${one} ${reason}`, `${many} ${reason}`);
      return reason === undefined;
    });
  const federationUpstreams = keep('federationUpstream', vhost.federationUpstreams);
  const shovels = keep('shovel', vhost.shovels);
  return { ...(federationUpstreams && { federationUpstreams }), ...(shovels && { shovels }) };
}
