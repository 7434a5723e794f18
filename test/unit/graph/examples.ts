/** The spec files under examples/, each loaded by the spec loader, for the picture checks. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadTopology } from '../../../src/load/load-topology.js';
import { LAYOUT_EXAMPLES } from '../../support/example-specs.js';
import type { Topology } from '../../../src/model/topology.js';

export const EXAMPLES_DIR = join(import.meta.dirname, '..', '..', '..', 'examples');

export function loadExamples(): { file: string; topology: () => Promise<Topology> }[] {
  return readdirSync(EXAMPLES_DIR, { recursive: true, encoding: 'utf8' })
    // As topo reads a directory: hidden entries (examples/ci/'s pipelines) are not specs.
    // Layout examples need their secrets: test/unit/examples/ checks them.
    .filter((f) => /\.ya?ml$/.test(f) && !f.split('/').some((part) => part.startsWith('.')) && !LAYOUT_EXAMPLES.has(f.split('/')[0] ?? ''))
    .sort()
    .map((file) => ({ file, topology: () => loadTopology([join(EXAMPLES_DIR, file)]) }));
}
