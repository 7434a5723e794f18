/** The signals that interrupt a long command: Ctrl-C on a terminal, SIGTERM from a CI runner. */
const INTERRUPTS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Until the returned `stop` is called, the first SIGINT or SIGTERM calls `onInterrupt`
 * instead of ending topo, so that the command can finish cleanly. The handlers are removed at
 * the first signal: a second one ends topo at once, as the user asked twice.
 */
export function interruptOnce(onInterrupt: () => void): () => void {
  const stop = () => INTERRUPTS.forEach((signal) => process.off(signal, interrupt));
  const interrupt = () => {
    stop();
    onInterrupt();
  };
  INTERRUPTS.forEach((signal) => process.on(signal, interrupt));
  return stop;
}
