import { yaml } from '../text/yaml-package.js';

/** The data of a small YAML (or JSON) file, or the one-line error `FILE: not YAML: …`. */
export type YamlData = { ok: true; data: unknown } | { ok: false; error: string };

/**
 * Parses a settings or `--var-file` text: both are small, hand-written files whose errors
 * name the file and say the parser's first line only. Pure.
 */
export function parseYamlData(text: string, file: string): YamlData {
  try {
    return { ok: true, data: yaml().parse(text) };
  } catch (error) {
    return { ok: false, error: `${file}: not YAML: ${(error as Error).message.split('\n')[0]}` };
  }
}
