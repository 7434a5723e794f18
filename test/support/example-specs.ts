/** The spec files under examples/, as `topo validate examples` reads them. */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

/**
 * examples/gitops-access is one layout of several files (users apart from the vhost they use)
 * whose passwords come from the environment: test/unit/examples/gitops-access.test.ts checks it.
 */
export const LAYOUT_EXAMPLES = new Set(['gitops-access']);

/**
 * Every `*.yaml`/`*.yml` below `dir`, hidden entries skipped as topo skips them: examples/ci/
 * keeps its CI pipelines in `.github/` and `.gitlab-ci.yml`, which are no specs. The layout
 * examples (`LAYOUT_EXAMPLES`) are left out: they are checked as a whole.
 */
export function exampleSpecFiles(dir: string = EXAMPLES_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || (resolve(dir) === resolve(EXAMPLES_DIR) && LAYOUT_EXAMPLES.has(entry.name))) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return exampleSpecFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}
