import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { buildProgram, main } from '../../../src/cli/main.js';
import { commandWords, unknownFlags } from '../../support/topo-flags.js';

const run = promisify(execFile);
const program = buildProgram(bufferIO(), () => undefined);
const commands = program.commands.map((c) => c.name());

async function topo(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = bufferIO();
  const code = await main(['node', 'topo', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Options that take a value and have no default: what they name is the user's alone. */
const NO_DEFAULT = new Set([
  '--out', '--plan', '--full-plan', '--password-file', '--var-file', '--client-cert', '--client-key',
  '--from-definitions', '--exchange', '--header',
]);

describe('topo COMMAND --help', () => {
  it.each(commands)('%s shows at least one example, with flags the command has', async (name) => {
    const { stdout } = await topo(name, '--help');
    const examples = [...stdout.matchAll(/^ {2}\$ topo (.*)$/gm)].map((m) => commandWords(m[1]!));
    expect(examples.length).toBeGreaterThan(0);
    for (const words of examples) {
      expect(words[0]).toBe(name);
      expect(unknownFlags(words), words.join(' ')).toEqual([]);
    }
  });

  it.each(commands)('%s shows the default of every option that has one', async (name) => {
    const command = program.commands.find((c) => c.name() === name)!;
    const { stdout } = await topo(name, '--help');
    const help = stdout.replace(/\n {20,}/g, ' ');
    for (const option of command.options) {
      if (!(option.required || option.optional) || NO_DEFAULT.has(option.long ?? '')) continue;
      const line = help.split('\n').find((l) => l.trimStart().startsWith(option.flags));
      expect(line, `${name} ${option.flags}`).toMatch(/\(.*default: [^)]+\)/);
    }
  });
});

describe('topo completion', () => {
  const complete = async (shell: string, line: string[]): Promise<string[]> => {
    const script = (await topo('completion', shell)).stdout;
    const words = line.map((w) => `'${w}'`).join(' ');
    const { stdout } = await run('bash', ['-c', `${script}\nCOMP_WORDS=(${words}); COMP_CWORD=${line.length - 1}; _topo; printf '%s\\n' "\${COMPREPLY[@]}"`]);
    return stdout.split('\n').filter((l) => l !== '');
  };

  it('completes command names in bash', async () => {
    expect(await complete('bash', ['topo', 'pl'])).toEqual(['plan']);
    expect(await complete('bash', ['topo', 'f'])).toEqual(['fmt']);
  });

  it("completes a command's own flags, and the choices of --format", async () => {
    expect(await complete('bash', ['topo', 'plan', 'x', '--det'])).toEqual(['--detailed-exitcode']);
    expect(await complete('bash', ['topo', 'apply', '--allow-'])).toEqual(['--allow-replace', '--allow-data-loss']);
    expect(await complete('bash', ['topo', 'validate', '--det'])).toEqual([]);
    expect(await complete('bash', ['topo', 'plan', 'x', '--format', 'm'])).toEqual(['markdown']);
  });

  it('gives zsh the same function through its bash emulation, and fish its own lines', async () => {
    const zsh = (await topo('completion', 'zsh')).stdout;
    expect(zsh.startsWith('#compdef topo\nautoload -U +X bashcompinit && bashcompinit\n')).toBe(true);
    expect(zsh).toContain((await topo('completion', 'bash')).stdout);
    const fish = (await topo('completion', 'fish')).stdout;
    expect(fish).toContain("complete -c topo -n '__fish_seen_subcommand_from plan' -l detailed-exitcode -F\n");
    expect(fish).toContain("complete -c topo -n '__fish_seen_subcommand_from plan' -l format -x -a 'text json markdown'\n");
  });

  it('refuses another shell in one line', async () => {
    expect(await topo('completion', 'tcsh')).toEqual({ code: 1, stdout: '', stderr: 'topo: completion for bash, zsh, fish; got "tcsh"\n' });
  });
});
