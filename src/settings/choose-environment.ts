import { didYouMeanHint } from '../text/did-you-mean.js';
import type { EnvironmentSettings, Settings } from './settings.js';

export type EnvironmentChoice = { ok: true; name?: string; environment: EnvironmentSettings } | { ok: false; error: string };

/**
 * The environment `name` (from `--env` or `TOPO_ENV`) of `settings`, else its default, else
 * none (an empty environment). An unknown name is an error with the nearest one. Pure.
 */
export function chooseEnvironment(settings: Settings | undefined, name: string | undefined): EnvironmentChoice {
  if (name === undefined) {
    const fallback = settings?.default;
    return fallback === undefined ? { ok: true, environment: {} } : { ok: true, name: fallback, environment: settings?.environments[fallback] ?? {} };
  }
  if (settings === undefined) return { ok: false, error: `--env ${name}: no settings file (.topo.yaml, or --config FILE) names environments` };
  const environment = settings.environments[name];
  if (environment === undefined) {
    const known = Object.keys(settings.environments);
    return { ok: false, error: `--env ${name}: ${settings.file} has no environment "${name}"${didYouMeanHint(name, known)} (it has: ${known.join(', ') || 'none'})` };
  }
  return { ok: true, name, environment };
}
