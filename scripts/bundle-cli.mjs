// Bundles the command line (dist/src/cli/main.js, as tsc built it) into dist/cli/: one file for
// everything a command needs at start, plus a chunk per lazily imported part (apply, AMQP,
// the yaml package's reader…). Node 20 has no compile cache, and loading ~90 separate ES
// modules cost about 40 ms of every command (a tenth of `topo validate` at 10,000 objects).
// The library (dist/src/index.js) stays unbundled; packages from node_modules stay external.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Chunk names carry a hash: a chunk of an earlier build would stay, unused, in the package.
rmSync(join(root, 'dist/cli'), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: ['dist/src/cli/main.js'],
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // tsc's source maps are read and chained: `--debug` traces point at src/*.ts.
  sourcemap: 'linked',
  logLevel: 'warning',
});
