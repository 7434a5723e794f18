/**
 * Collects what consumers receive and lets a test wait for a condition on it. The deadline
 * only turns a hang into a clear failure; no test asserts on how long anything took.
 */
export class Inbox<T> {
  readonly items: T[] = [];
  private waiters: { done: (items: readonly T[]) => boolean; resolve: () => void }[] = [];

  readonly push = (item: T): void => {
    this.items.push(item);
    this.waiters = this.waiters.filter((w) => {
      if (!w.done(this.items)) return true;
      w.resolve();
      return false;
    });
  };

  /** Resolves with the items once `done` holds for them. */
  until(done: (items: readonly T[]) => boolean, what: string, deadlineMs = 15_000): Promise<T[]> {
    if (done(this.items)) return Promise.resolve([...this.items]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`still waiting for ${what}; got ${JSON.stringify(this.items)}`)),
        deadlineMs,
      );
      this.waiters.push({
        done,
        resolve: () => {
          clearTimeout(timer);
          resolve([...this.items]);
        },
      });
    });
  }

  /** Resolves once at least `n` items arrived. */
  count(n: number): Promise<T[]> {
    return this.until((items) => items.length >= n, `${n} item(s)`);
  }
}

