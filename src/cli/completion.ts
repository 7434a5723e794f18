import type { Command } from 'commander';
import { ExitCode, TopoError } from '../errors.js';
import { completionScript, SHELLS, type CompletedCommand, type Shell } from './completion-script.js';
import type { CommandIO } from './io.js';

/** The commands and long flags of `program`, for completion. */
function completedCommands(program: Command): CompletedCommand[] {
  return program.commands.map((command) => ({
    name: command.name(),
    description: command.description(),
    flags: command.options.map((o) => o.long).filter((f): f is string => f !== undefined),
    choices: Object.fromEntries(command.options.filter((o) => o.long && o.argChoices).map((o) => [o.long as string, o.argChoices as string[]])),
  }));
}

/** `topo completion bash|zsh|fish`: the completion script of this topo, on standard output. */
export function completionCommand(program: Command) {
  return async (paths: string[], _options: unknown, io: CommandIO): Promise<number> => {
    const shell = paths[0] as Shell;
    if (!SHELLS.includes(shell)) throw new TopoError('usage', `completion for ${SHELLS.join(', ')}; got "${paths[0] ?? ''}"`);
    io.out(completionScript(shell, completedCommands(program)));
    return ExitCode.ok;
  };
}
