import { redactUrl } from '../broker/redact-url.js';
import { isUriKey } from '../model/plugin-parameter-fields.js';
import type { PluginParameter } from '../model/parameters.js';
import type { ArgumentValue, Arguments } from '../model/topology.js';

/**
 * A shovel's or federation upstream's value fit to show: every URI (a string or a list of
 * them) with its password hidden (`amqp://user:***@host`). The management API returns URIs with
 * their credentials, so the broker's side of a change goes through this before any output.
 * Pure.
 */
export function redactParameterValue(value: Arguments): Arguments {
  const out: Arguments = {};
  for (const [key, v] of Object.entries(value)) out[key] = isUriKey(key) ? redactUris(v) : v;
  return out;
}

/** A parameter with its value redacted. */
export function redactedParameter(p: PluginParameter): PluginParameter {
  return { ...p, value: redactParameterValue(p.value) };
}

function redactUris(value: ArgumentValue): ArgumentValue {
  if (typeof value === 'string') return redactUrl(value);
  if (Array.isArray(value)) return value.map(redactUris);
  return value;
}
