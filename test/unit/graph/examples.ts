/** The spec files under examples/, each loaded by the spec loader, for the picture checks. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadTopology } from '../../../src/load/load-topology.js';
import type { Topology } from '../../../src/model/topology.js';

export const EXAMPLES_DIR = join(import.meta.dirname, '..', '..', '..', 'examples');

export function loadExamples(): { file: string; topology: () => Promise<Topology> }[] {
  return readdirSync(EXAMPLES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((file) => ({ file, topology: () => loadTopology([join(EXAMPLES_DIR, file)]) }));
}
