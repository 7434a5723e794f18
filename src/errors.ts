/**
 * Typed errors thrown at the I/O edges. The CLI turns each into one line and an exit code;
 * pure stages return diagnostics instead of throwing.
 */

/** Process exit codes, the README's "Exit codes". */
export const ExitCode = {
  ok: 0,
  error: 1,
  changes: 2,
  refused: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type TopoErrorCode =
  | 'usage'
  | 'spec-invalid'
  | 'file'
  | 'broker-unreachable'
  | 'broker-timeout'
  | 'broker-auth'
  | 'broker-forbidden'
  | 'broker-not-found'
  | 'broker-node-down'
  | 'broker-response'
  | 'broker-http'
  | 'amqp'
  | 'lock-timeout'
  | 'plan-stale'
  | 'plan-file'
  | 'refused'
  | 'apply-failed'
  | 'test-failed';

export class TopoError extends Error {
  override readonly name = 'TopoError';
  constructor(
    readonly code: TopoErrorCode,
    message: string,
    readonly exitCode: ExitCode = ExitCode.error,
  ) {
    super(message);
  }
}

const FILE_ERROR_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
};

/** Why a file system call failed, in words for a one-line message (Node's code when unusual). */
export function fileErrorReason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return (code && FILE_ERROR_REASONS[code]) ?? code ?? message ?? String(error);
}
