/**
 * Where a command writes. The CLI passes the process's streams; tests pass buffers. Commands
 * never touch `process.stdout` directly, so they can run in-process.
 */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  /** Standard output is a terminal: colours, progress and prompts are allowed. */
  isTTY: boolean;
  /** Standard input is a terminal: `apply` may ask for confirmation. */
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}

export function processIO(): CommandIO {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    env: process.env,
  };
}

/** An in-memory IO for tests: everything written is kept. */
export function bufferIO(env: NodeJS.ProcessEnv = {}): CommandIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTTY: false,
    stdinIsTTY: false,
    env,
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
  };
  return io;
}
