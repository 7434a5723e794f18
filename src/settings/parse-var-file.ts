import { isRecord, isScalar } from './parse-settings.js';
import { parseYamlData } from './parse-yaml-data.js';

export type VarFileResult = { ok: true; vars: Record<string, string> } | { ok: false; error: string };

/**
 * The values of a `--var-file`: a YAML (or JSON) mapping of names to strings, numbers or
 * booleans, each the value of `${var:name}` as text. Pure.
 */
export function parseVarFile(text: string, file: string): VarFileResult {
  const parsed = parseYamlData(text, file);
  if (!parsed.ok) return parsed;
  const { data } = parsed;
  if (data === null || data === undefined) return { ok: true, vars: {} };
  if (!isRecord(data)) return { ok: false, error: `${file}: expected a mapping of names to values` };
  const bad = Object.entries(data).find(([, value]) => !isScalar(value));
  if (bad) return { ok: false, error: `${file}: ${bad[0]}: expected a string, number or boolean` };
  return { ok: true, vars: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)])) };
}
