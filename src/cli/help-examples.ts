import type { Command } from 'commander';

/** One or two typical uses of each command, shown at the end of its `--help`. */
const HELP_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  validate: ['topo validate topology/', 'topo validate topology/ --var-file vars/prod.yaml --json'],
  plan: ['topo plan topology/ --env prod', 'topo plan topology/ --out plan.json --format markdown > plan.md'],
  apply: ['topo apply topology/ --env prod', 'topo apply --plan plan.json --yes'],
  fmt: ['topo fmt topology/', 'topo fmt --check topology/'],
  show: ['topo show plan.json', 'topo show plan.json --format markdown'],
  export: ['topo export --vhost / -o topology.yaml', 'topo export --from-definitions definitions.json -o topology/'],
  route: ['topo route examples/tutorials/topics.yaml -e topic_logs -k quick.orange.rabbit'],
  test: ['topo test topology/', 'topo test topology/ --live --env staging'],
  graph: ['topo graph examples/order-events.yaml --format dot | dot -Tpng > order-events.png'],
  completion: ['topo completion bash > /etc/bash_completion.d/topo', 'source <(topo completion zsh)'],
};

/** Adds each command's examples to its help; a command without examples is a mistake the tests catch. */
export function addHelpExamples(program: Command): void {
  for (const command of program.commands) {
    const examples = HELP_EXAMPLES[command.name()] ?? [];
    if (examples.length === 0) continue;
    command.addHelpText('after', `\nExample${examples.length > 1 ? 's' : ''}:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
  }
}
