import { parseYamlData } from './parse-yaml-data.js';
import type { EnvironmentSettings, Settings } from './settings.js';

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; error: string };

type Field = keyof EnvironmentSettings;
const STRING_FIELDS = ['amqpUrl', 'user', 'passwordFile', 'caCert', 'clientCert', 'clientKey'] as const satisfies readonly Field[];
const FIELDS: readonly Field[] = ['url', ...STRING_FIELDS, 'insecure', 'timeout', 'vars'];

/**
 * The settings in `text` (YAML), read from `file`, checked field by field: an unknown field, a
 * wrong type or a `password` written in the file (secrets belong in a password file, or in
 * TOPO_PASSWORD) is one error line, `FILE: environments.prod.user: expected a string`. Pure.
 */
export function parseSettings(text: string, file: string): SettingsResult {
  const parsed = parseYamlData(text, file);
  if (!parsed.ok) return parsed;
  const { data } = parsed;
  const fail = (path: string, message: string): SettingsResult => ({ ok: false, error: `${file}: ${path}: ${message}` });
  if (!isRecord(data)) return { ok: false, error: `${file}: expected a mapping with environments:` };
  for (const key of Object.keys(data)) if (key !== 'environments' && key !== 'default') return fail(key, 'unknown field (environments, default)');
  const environments: Record<string, EnvironmentSettings> = {};
  if (!isRecord(data.environments)) return fail('environments', 'expected a mapping of environment names');
  for (const [name, raw] of Object.entries(data.environments)) {
    const at = `environments.${name}`;
    if (!isRecord(raw)) return fail(at, 'expected a mapping');
    const env: EnvironmentSettings = {};
    for (const [field, value] of Object.entries(raw)) {
      if (field === 'password') return fail(`${at}.password`, 'no passwords in the settings file: use passwordFile, or TOPO_PASSWORD');
      if (!(FIELDS as readonly string[]).includes(field)) return fail(`${at}.${field}`, `unknown field (${FIELDS.join(', ')})`);
      const problem = setField(env, field as Field, value);
      if (problem) return fail(`${at}.${field}`, problem);
    }
    environments[name] = env;
  }
  if (data.default !== undefined) {
    if (typeof data.default !== 'string') return fail('default', 'expected the name of an environment');
    if (!(data.default in environments)) return fail('default', `no environment "${data.default}"`);
  }
  return { ok: true, settings: { file, environments, ...(typeof data.default === 'string' ? { default: data.default } : {}) } };
}

/** Sets `field` of `env` from `value`; a message when the value has the wrong type. */
function setField(env: EnvironmentSettings, field: Field, value: unknown): string | undefined {
  switch (field) {
    case 'url': {
      const urls = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(urls) || urls.length === 0 || !urls.every((u) => typeof u === 'string')) return 'expected a URL or a list of URLs';
      env.url = urls;
      return undefined;
    }
    case 'insecure':
      if (typeof value !== 'boolean') return 'expected true or false';
      env.insecure = value;
      return undefined;
    case 'timeout':
      if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) return 'expected a positive number of milliseconds';
      env.timeout = value;
      return undefined;
    case 'vars':
      if (!isRecord(value) || !Object.values(value).every(isScalar)) return 'expected a mapping of names to values';
      env.vars = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
      return undefined;
    default:
      if (typeof value !== 'string' || value === '') return 'expected a string';
      env[field] = value;
      return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
