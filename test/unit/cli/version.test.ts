import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('topo --version', () => {
  const saved = process.env.npm_package_version;
  afterEach(() => {
    if (saved === undefined) delete process.env.npm_package_version;
    else process.env.npm_package_version = saved;
  });

  it("prints topo's own package version, whatever package npm is running", async () => {
    process.env.npm_package_version = '9.9.9-someone-else';
    const io = bufferIO();
    expect(await main(['node', 'topo', '--version'], io)).toBe(0);
    expect(io.stdout).toBe(`${pkg.version}\n`);
  });
});
