/** The spec files under examples/, as `topo validate examples` reads them. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

/**
 * Every `*.yaml`/`*.yml` below `dir`, hidden entries skipped as topo skips them: examples/ci/
 * keeps its CI pipelines in `.github/` and `.gitlab-ci.yml`, which are no specs.
 */
export function exampleSpecFiles(dir: string = EXAMPLES_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return exampleSpecFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}
