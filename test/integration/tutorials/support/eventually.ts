/**
 * Polls `check` until it returns true, for broker state that changes asynchronously after
 * the call that causes it (a queue deleted as its connection goes down). Throws with `what`
 * when it never happens; the deadline only turns a hang into a clear failure.
 */
export async function eventually(check: () => Promise<boolean>, what: string, deadlineMs = 15_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
