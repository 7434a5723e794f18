import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let yamlPackage: typeof Yaml | undefined;

/**
 * The yaml package, loaded on first use: js-yaml reads most spec files alone, most commands
 * have no settings file, and loading the yaml package (73 modules) took about a fifth of the
 * start-up of every command when it was imported up front.
 */
export function yaml(): typeof Yaml {
  yamlPackage ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yamlPackage;
}
