import { Command, CommanderError, Option } from 'commander';
import { redactUrlsIn } from '../broker/redact-url.js';
import { ExitCode, TopoError } from '../errors.js';
import { processIO, type CommandIO } from './io.js';
import { addHelpExamples } from './help-examples.js';
import { packageVersion } from './package-version.js';
import { withSettings } from './with-settings.js';

/**
 * The command-line contract of the README ("Commands", "Exit codes"), and nothing else:
 * every command's work lives in its own module, imported only when that command runs, so
 * `topo validate` never loads the HTTP or AMQP code.
 */

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new TopoError('usage', `expected a positive integer, got "${value}"`);
  return n;
};

function specOptions(cmd: Command): Command {
  return debugOption(
    settingsOptions(cmd)
      .addOption(new Option('--var <key=value>', 'value for ${var:key} in the spec (repeatable)').argParser(collect).default([], 'none'))
      .option('--var-file <file>', 'a YAML file of ${var:key} values (repeatable; --var wins)', collect),
  );
}

/** For commands that check a spec offline: which RabbitMQ version to check it against. */
function brokerVersionOption(cmd: Command): Command {
  return cmd.option('--broker-version <version>', 'check against what this RabbitMQ version refuses, e.g. 4.3 (default: the spec\'s brokerVersion)');
}

/** The settings file and its environment (src/cli/with-settings.ts); once per command. */
function settingsOptions(cmd: Command): Command {
  if (cmd.options.some((o) => o.long === '--env')) return cmd;
  return cmd
    .option('--env <name>', 'an environment of the settings file (env TOPO_ENV; default: the file\'s default, else none)')
    .option('--config <file>', 'the settings file (env TOPO_CONFIG; default: ./.topo.yaml, else ~/.config/topo/config.yaml)');
}

function connectionOptions(cmd: Command): Command {
  return settingsOptions(cmd)
    .option('--url <url>', 'management API base URL; repeat for the nodes of a cluster (env TOPO_URL; default: http://localhost:15672)', collect)
    .option('--user <name>', 'management API user (env TOPO_USER; default: guest)')
    .option('--password <secret>', 'management API password (env TOPO_PASSWORD; default: guest)')
    .option('--password-file <file>', 'read the password from this file (env TOPO_PASSWORD_FILE)')
    .option('--ca-cert <file>', 'PEM CA certificate to trust (default: the system\'s CAs)')
    .option('--client-cert <file>', 'PEM client certificate')
    .option('--client-key <file>', 'PEM client key')
    .option('--insecure', 'do not verify the server certificate')
    .option('--amqp-url <url>', 'AMQP URL for the lock, exact counts and live tests; comma-separated for the nodes of a cluster (env TOPO_AMQP_URL; default: the nodes\' own listeners)')
    .option('--timeout <ms>', 'timeout of one HTTP request in milliseconds (default: 30000)', positiveInt);
}

/** Adds arguments or options to a command. */
type Adder = (cmd: Command) => Command;
/** Imports a command's module when the command runs, and gives its function. */
type CommandLoader<O> = () => Promise<(paths: string[], options: O, io: CommandIO) => Promise<number>>;

const specPaths: Adder = (cmd) => cmd.argument('<paths...>', 'spec files or directories');
const noColorOption: Adder = (cmd) => cmd.option('--no-color', 'no colours even on a terminal');
const debugOption: Adder = (cmd) => cmd.option('--debug', 'print stack traces of unexpected errors');

/** The commands that hold a spec against a broker (plan, apply, test): what they print is coloured. */
const specAgainstBroker: readonly Adder[] = [noColorOption, specOptions, connectionOptions];

export function buildProgram(io: CommandIO, setExit: (code: number) => void): Command {
  const program = new Command('topo')
    .description('RabbitMQ topology as code: validate, plan, apply, route, test')
    .version(packageVersion())
    .showHelpAfterError(false)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();

  const run =
    <O>(load: CommandLoader<O>) =>
    async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      // A variadic argument comes as an array, a single one as a string.
      const paths = Array.isArray(args[0]) ? (args[0] as string[]) : typeof args[0] === 'string' ? [args[0]] : [];
      const command = await load();
      // Flags, then TOPO_* variables, then the settings file's environment.
      const connection = cmd.options.some((o) => o.long === '--url');
      const options = withSettings(cmd.opts(), io.env, { cwd: process.cwd(), connection });
      setExit(await command(paths, options as O, io));
    };

  /** One command: its arguments and options in the order `adders` add them (the order of its --help). */
  const command = <O>(name: string, description: string, adders: readonly Adder[], load: CommandLoader<O>): void => {
    const cmd = program.command(name).description(description);
    for (const add of adders) add(cmd);
    cmd.action(run(load));
  };

  command('validate', 'check spec files offline: schema, semantic rules, and what the target RabbitMQ version refuses', [
    specPaths,
    (c) => c.option('--json', 'print diagnostics as JSON'),
    specOptions,
    brokerVersionOption,
  ], async () => (await import('./validate.js')).validateCommand);

  command('plan', 'diff the spec against the broker and show what apply would change', [
    specPaths,
    (c) => c
      .option('--out <file>', 'save the plan for `topo apply --plan FILE`')
      .option('--json', 'print the plan as JSON (same as --format json)')
      .addOption(new Option('--format <format>', 'output format (default: text)').choices(['text', 'json', 'markdown']))
      .option('--graph', 'with --format markdown: embed a Mermaid picture of the topology')
      .option('--full-plan <where>', 'with --format markdown: where the full plan is (e.g. a CI artifact URL), named when the plan is too long for a comment')
      .option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are')
      .option('--prune', 'plan deletes of unmanaged objects')
      .option('--migrate', 'plan queues that must be replaced as migrations that keep every message')
      .option('--vhost <name>', 'plan only this vhost of the spec (repeatable; default: all)', collect),
    ...specAgainstBroker,
  ], async () => (await import('./plan.js')).planCommand);

  command('apply', 'plan, then execute the plan on the broker', [
    (c) => c
      .argument('[paths...]', 'spec files or directories')
      .option('--plan <file>', 'execute a plan saved with `topo plan --out`')
      .option('--yes', 'do not ask for confirmation (required without a terminal)')
      .option('--allow-replace', 'allow deleting and re-creating objects whose immutable properties changed')
      .option('--allow-data-loss', 'allow deleting or replacing queues that hold messages')
      .option('--prune', 'delete unmanaged objects')
      .option('--migrate', 're-create replaced queues without losing a message (docs/apply.md)')
      .option('--vhost <name>', 'apply only this vhost of the spec (repeatable; default: all)', collect)
      .option('--json', 'print the plan and each step result as JSON')
      .option('--concurrency <n>', 'steps in flight: API calls or AMQP declares (default: 32)', positiveInt)
      .addOption(
        new Option('--declare-over <protocol>', 'declare exchanges, queues and bindings over AMQP or the management API')
          .choices(['amqp', 'http'])
          .default('amqp'),
      )
      .option('--lock-timeout <seconds>', 'how long to wait for another apply (default: 120)', positiveInt),
    ...specAgainstBroker,
  ], async () => (await import('./apply.js')).applyCommand);

  command('fmt', 'rewrite spec files in the canonical style topo export writes (comments and values kept)', [
    specPaths,
    (c) => c.option('--check', 'write nothing; list the files that are not formatted and exit 1 if any'),
    debugOption,
  ], async () => (await import('./fmt.js')).fmtCommand);

  command('show', 'print a plan saved with `topo plan --out`, offline', [
    (c) => c
      .argument('<plan-file>', 'the saved plan (JSON)')
      .option('--json', 'print the plan as JSON (same as --format json)')
      .addOption(new Option('--format <format>', 'output format (default: text)').choices(['text', 'json', 'markdown']))
      .option('--full-plan <where>', 'with --format markdown: where the full plan is, named when it is too long for a comment'),
    noColorOption,
    debugOption,
  ], async () => (await import('./show.js')).showCommand);

  command('export', 'write the broker topology (or a definitions file) as spec YAML', [
    (c) => c
      .addOption(new Option('--vhost <name>', 'vhost to export (repeatable)').argParser(collect).default([], 'all'))
      .option('-o, --output <path>', 'a file, or a directory for one file per vhost (default: standard output)')
      .option('--from-definitions <file>', 'convert a RabbitMQ definitions JSON file, no broker needed')
      .option('--include-password-hashes', "write users' password hashes instead of ${env:RABBITMQ_PASSWORD_<USER>} placeholders"),
    debugOption,
    connectionOptions,
  ], async () => (await import('./export.js')).exportCommand);

  command('route', 'where a message goes, offline', [
    specPaths,
    (c) => c
      .requiredOption('-e, --exchange <name>', 'exchange to publish to ("" for the default exchange)')
      .option('-k, --routing-key <key>', 'routing key', '')
      .option('-H, --header <name=value>', 'message header (repeatable); typed as name:int=5, name:bool=true', collect, [])
      .option('--vhost <name>', 'vhost (default: the only one, or /)')
      .option('--json', 'print { queues, path } as JSON'),
    specOptions,
  ], async () => (await import('./route.js')).routeCommand);

  command('test', "run the spec's routing tests offline, or --live against the broker", [
    specPaths,
    (c) => c
      .option('--live', 'build each vhost in a scratch vhost and publish real messages')
      .option('--json', 'print results as JSON'),
    ...specAgainstBroker,
    brokerVersionOption,
  ], async () => (await import('./test.js')).testCommand);

  command('graph', 'draw the topology as Mermaid or Graphviz DOT', [
    specPaths,
    (c) => c
      .addOption(new Option('--format <format>', 'picture format').choices(['mermaid', 'dot']).default('mermaid'))
      .option('--vhost <name>', 'only this vhost (default: all)'),
    specOptions,
  ], async () => (await import('./graph.js')).graphCommand);

  command('completion', 'print a shell completion script (bash, zsh or fish)', [
    (c) => c.argument('<shell>', 'bash, zsh or fish'),
  ], async () => (await import('./completion.js')).completionCommand(program));

  addHelpExamples(program);
  return program;
}

/** Runs topo with `argv` (as in process.argv) and returns the exit code. */
export async function main(argv: string[], io: CommandIO = processIO()): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = buildProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return reportError(error, io, argv.includes('--debug'));
  }
}

/**
 * One line per error, never a stack trace unless --debug. Whatever it prints shows no user
 * information of a URL: the last line of defence, for messages topo did not write itself.
 */
export function reportError(error: unknown, io: CommandIO, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Commander already printed its message (or the help/version text).
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.error;
  }
  const print = (text: string) => io.err(`${redactUrlsIn(text)}\n`);
  const stack = debug && error instanceof Error ? error.stack : undefined;
  if (error instanceof TopoError) {
    print(`topo: ${error.message}`);
    if (stack) print(stack);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  print(`topo: unexpected error: ${message}${debug ? '' : ' (run with --debug for details)'}`);
  if (stack) print(stack);
  return ExitCode.error;
}
