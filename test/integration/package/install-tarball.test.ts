/**
 * `npm install -g topo` works from the published package: `npm pack` (the built dist/ as the
 * `files` list of package.json selects it), installed into a temp prefix, runs `topo
 * --version` and `topo validate` on an example shipped in the package, with no repository
 * around it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('the npm package', () => {
  let dir: string;
  let topoBin: string;
  let files: string[];
  const pkg = { version: '', scripts: {} as Record<string, string> };

  beforeAll(async () => {
    Object.assign(pkg, JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')));
    dir = await mkdtemp(join(tmpdir(), 'topo-pack-'));
    // --ignore-scripts: dist/ is built by `pretest` already, and rebuilding it here would
    // rewrite files that tests running beside this one execute. `prepack` is checked below.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT });
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    files = info!.files.map((f) => f.path);
    // A prefix of its own, outside the repository; the cache npm ci filled has the dependencies.
    await run('npm', ['install', '-g', '--prefix', join(dir, 'prefix'), '--prefer-offline', '--no-audit', '--no-fund', join(dir, info!.filename)], {
      cwd: dir,
      timeout: 120_000,
    });
    topoBin = join(dir, 'prefix', 'bin', 'topo');
  }, 180_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ships the CLI, the built code, the schema and the examples, and no tests or sources', () => {
    expect(files).toEqual(expect.arrayContaining(['bin/topo.js', 'dist/cli/main.js', 'dist/src/cli/main.js', 'schemas/topology.schema.json', 'examples/order-events.yaml']));
    expect(files.filter((f) => /^(test|src|bench|dist\/test|dist\/bench)\//.test(f))).toEqual([]);
  });

  it('builds dist/ before packing', () => {
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('installs a topo that prints its version from outside any npm script', async () => {
    // As if run from another package's npm script: that package's version must not show.
    const env = { PATH: process.env.PATH ?? '', HOME: dir, npm_package_version: '9.9.9-someone-else' };
    const { stdout } = await run(topoBin, ['--version'], { cwd: dir, env });
    expect(stdout).toBe(`${pkg.version}\n`);
  });

  it('installs a topo that validates an example shipped with it', async () => {
    const example = join(dir, 'prefix', 'lib', 'node_modules', 'topo', 'examples', 'tutorials');
    const { stdout } = await run(topoBin, ['validate', example], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir } });
    expect(stdout).toMatch(/^valid: \d+ vhosts/m);
  });
});
