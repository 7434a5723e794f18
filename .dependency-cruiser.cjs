/**
 * The pipeline's import rules (docs/architecture.md). Each folder may import only the folders
 * listed for it; pure stages import no I/O module; nothing imports `cli/`; no cycles.
 * `npm run lint` runs this; a wrong-way import fails CI with the rule's name and comment.
 */

// Which src/ folders each folder may import (besides itself and src/errors.ts).
const layers = {
  text: [],
  model: ['text'],
  compat: ['model', 'text'],
  load: ['model', 'text', 'compat'],
  routing: ['model', 'text'],
  plan: ['model', 'text', 'compat', 'broker'],
  render: ['model', 'text', 'compat', 'plan'],
  graph: ['model', 'text', 'routing'],
  export: ['model', 'text', 'broker'],
  broker: ['model', 'text'],
  apply: ['model', 'text', 'compat', 'plan', 'broker'],
  runtime: ['model', 'text', 'load', 'broker'],
  'live-test': ['model', 'text', 'compat', 'plan', 'render', 'broker', 'apply', 'routing', 'runtime'],
  settings: ['text'],
};

// Files that are a pure stage's edge to the outside world, named for it.
const ioEdges = [
  '^src/load/read-spec-files\\.ts$',
  '^src/load/load-topology\\.ts$',
  '^src/load/read-secret\\.ts$',
  '^src/plan/plan-against-broker\\.ts$',
  '^src/export/read-[a-z-]+\\.ts$',
  '^src/export/find-topo-schema\\.ts$',
];
const pureFolders = ['model', 'text', 'compat', 'load', 'routing', 'plan', 'render', 'graph', 'export', 'settings'];
const ioModules = '^(node:)?(fs|fs/promises|http|https|http2|net|tls|dgram|child_process|readline|worker_threads)$|^amqplib$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles hide which stage depends on which.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'nothing-imports-cli',
      severity: 'error',
      comment: 'cli/ is wiring only: the stages never depend on it.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'export-and-graph-apart',
      severity: 'error',
      comment: 'export/ and graph/ are separate outputs of a Topology; share through model/.',
      from: { path: '^src/(export|graph)/' },
      to: { path: '^src/(export|graph)/', pathNot: '^src/$1/' },
    },
    {
      name: 'pure-stages-do-no-io',
      severity: 'error',
      comment:
        'validate, diff, plan, render, route, export and graph are pure: no I/O module, not even ' +
        'through another module; I/O lives in the edge files named in ioEdges.',
      from: { path: `^src/(${pureFolders.join('|')})/`, pathNot: ioEdges },
      to: { path: ioModules, reachable: true },
    },
    ...Object.entries(layers).map(([folder, allowed]) => ({
      name: `layer-${folder}`,
      severity: 'error',
      comment: `src/${folder}/ may import only: ${[folder, ...allowed].join(', ')}, errors.`,
      from: { path: `^src/${folder}/` },
      to: {
        path: '^src/',
        pathNot: [`^src/(${[folder, ...allowed].join('|')})/`, '^src/errors\\.ts$'],
      },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
