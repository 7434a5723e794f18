/**
 * The migration that both the benchmark (./migration-suite.ts) and the live migration test
 * (test/integration/migrate/live-migration.test.ts) ask `topo apply --migrate` for: queues
 * bound to the direct exchange `jobs` by their own names, every one of them a quorum queue.
 * One text, so that the figures measure what the test proves loses nothing.
 */

/** The vhost's body of that spec in YAML, indented to stand under the vhost's name. */
export function quorumJobsVhostYaml(queues: readonly string[]): string {
  return [
    '    exchanges:',
    '      jobs: { type: direct }',
    '    queues:',
    ...queues.map((n) => `      ${n}: { type: quorum }`),
    '    bindings:',
    ...queues.map((n) => `      - { source: jobs, destination: ${n}, routingKey: ${n} }`),
    '',
  ].join('\n');
}
