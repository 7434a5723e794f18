/** A command as shell completion needs it: its name and the flags it takes. */
export interface CompletedCommand {
  name: string;
  description: string;
  flags: string[];
  /** Flags whose choices are known (`--format`). */
  choices: Record<string, readonly string[]>;
}

export type Shell = 'bash' | 'zsh' | 'fish';
export const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

/**
 * A completion script for `shell`, generated from topo's commands, so it never lists a flag
 * topo does not have: command names first, then the flags of the command typed, the choices
 * of a flag that has them, and file names elsewhere. Pure.
 */
export function completionScript(shell: Shell, commands: readonly CompletedCommand[]): string {
  switch (shell) {
    case 'bash':
      return bashScript(commands);
    case 'zsh':
      // zsh runs the bash function through its bash-completion emulation.
      return `#compdef topo\nautoload -U +X bashcompinit && bashcompinit\n${bashScript(commands)}`;
    case 'fish':
      return fishScript(commands);
    default: {
      const impossible: never = shell;
      throw new Error(`unknown shell ${String(impossible)}`);
    }
  }
}

function bashScript(commands: readonly CompletedCommand[]): string {
  const cases = commands
    .map((c) => {
      const choices = Object.entries(c.choices)
        .map(([flag, values]) => `        ${flag}) COMPREPLY=($(compgen -W "${values.join(' ')}" -- "$cur")); return ;;\n`)
        .join('');
      return `    ${c.name})\n      case "$prev" in\n${choices}      esac\n      flags="${c.flags.join(' ')}" ;;\n`;
    })
    .join('');
  return `# topo completion for bash: source <(topo completion bash)
_topo() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" flags=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(' ')} help --help --version" -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _topo topo
`;
}

function fishScript(commands: readonly CompletedCommand[]): string {
  const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const lines = ['# topo completion for fish: topo completion fish | source', 'complete -c topo -f'];
  for (const c of commands) {
    lines.push(`complete -c topo -n __fish_use_subcommand -a ${c.name} -d ${quote(c.description)}`);
    for (const flag of c.flags) {
      const values = c.choices[flag];
      const options = values ? ` -x -a ${quote(values.join(' '))}` : ' -F';
      lines.push(`complete -c topo -n '__fish_seen_subcommand_from ${c.name}' -l ${flag.replace(/^--/, '')}${options}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
