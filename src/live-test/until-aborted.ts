import { TopoError } from '../errors.js';

/** What an interrupted live run reports; its scratch vhosts are removed before it is thrown. */
function interrupted(): TopoError {
  return new TopoError('test-failed', 'interrupted: no test result; the scratch vhosts were removed');
}

/** Throws the interruption error once `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw interrupted();
}

/**
 * `work`, unless `signal` aborts first: then rejects at once with the interruption error, so
 * that a run stuck on the broker still gets to its clean-up. `work` is not cancelled; its
 * outcome is ignored.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  throwIfAborted(signal);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(interrupted());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
