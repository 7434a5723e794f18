import { redactUrl } from '../broker/redact-url.js';
import { isUriKey } from '../model/plugin-parameter-fields.js';
import { isSecretRef, type SecretReader } from '../model/secret-ref.js';
import type { ArgumentValue, Arguments, PluginParameter } from '../model/topology.js';

/**
 * A shovel's or federation upstream's value fit to show: every URI (a string or a list of
 * them) with its password hidden (`amqp://user:***@host`), and a URI the spec takes from a
 * secret as its reference (`${env:DC2_URI}`). The management API returns URIs with their
 * credentials, so every view of a change goes through this. Pure.
 */
export function redactParameterValue(value: Arguments): Arguments {
  return mapUris(value, (uri) => {
    if (isSecretRef(uri)) return uri.ref;
    // A reference is shown as written (it may be shown already, and is no URL to redact).
    return typeof uri === 'string' && !uri.includes('${') ? redactUrl(uri) : uri;
  });
}

/** A parameter with its value redacted. */
export function redactedParameter(p: PluginParameter): PluginParameter {
  return { ...p, value: redactParameterValue(p.value) };
}

/**
 * The value the broker must hold: each URI the spec takes from a secret read now, through
 * `secrets` (the diff compares it with the broker's; the executor sends it). Throws when a
 * secret is needed and there is no reader.
 */
export function revealParameterValue(value: Arguments, secrets: SecretReader | undefined): Arguments {
  return mapUris(value, (uri) => {
    if (!isSecretRef(uri)) return uri;
    if (!secrets) throw new Error(`no reader for the secret ${uri.ref}`);
    return secrets(uri);
  });
}

/** Whether the value holds a URI taken from a secret. */
export function hasSecretUri(value: Arguments): boolean {
  let found = false;
  mapUris(value, (uri) => {
    found ||= isSecretRef(uri);
    return uri;
  });
  return found;
}

/** `value` with `each` applied to every URI: the value of a URI key, or each item of its list. */
function mapUris(value: Arguments, each: (uri: ArgumentValue) => ArgumentValue): Arguments {
  const out: Arguments = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = !isUriKey(key) ? v : Array.isArray(v) ? v.map(each) : each(v);
  }
  return out;
}
