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
  const out = quietOnClosedPipe(process.stdout);
  const err = quietOnClosedPipe(process.stderr);
  return {
    out,
    err,
    isTTY: Boolean(process.stdout.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    env: process.env,
  };
}

/**
 * A writer that goes quiet once the reader has gone (`topo plan | head`): the rest of the
 * output is dropped instead of crashing on EPIPE, and the command still finishes (an apply is
 * not cut in the middle) and exits with its own code. Any other write error still throws.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
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
