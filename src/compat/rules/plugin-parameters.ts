import { PLUGIN_COMPONENTS } from '../../model/parameters.js';
import { targetName } from '../broker-target.js';
import type { CompatibilityRule } from '../compatibility-rule.js';

/**
 * Shovels and federation upstreams are parameters of their plugins' components: a broker
 * without the plugin refuses them ("component not found"). Said before apply, naming the
 * plugin to enable, when the broker's plugins are known.
 */
export const checkPluginParameters: CompatibilityRule = (vhost, target, report) => {
  const enabled = target.enabledPlugins;
  if (!enabled) return;
  for (const kind of ['shovel', 'federationUpstream'] as const) {
    const { plugin } = PLUGIN_COMPONENTS[kind];
    if (enabled.has(plugin)) continue;
    for (const parameter of vhost[kind === 'shovel' ? 'shovels' : 'federationUpstreams'] ?? []) {
      report.error(
        kind,
        parameter,
        `needs the ${plugin} plugin, which ${targetName(target)} does not have enabled (rabbitmq-plugins enable ${plugin})`,
      );
    }
  }
};
