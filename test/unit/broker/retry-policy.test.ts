import { describe, expect, it } from 'vitest';
import { BrokerHttpError } from '../../../src/broker/broker-http-error.js';
import {
  DEFAULT_RETRY_POLICY,
  isTransientError,
  isTransientNoAnswer,
  isTransientStatus,
  nextRetryDelay,
  onTransientError,
  retryPolicy,
  withRetry,
  type RetryClock,
  type RetryPolicy,
  type Settled,
} from '../../../src/broker/retry-policy.js';
import { TopoError } from '../../../src/errors.js';

const http = (code: ConstructorParameters<typeof BrokerHttpError>[0], status?: number) =>
  new BrokerHttpError(code, 'x', 'POST', '/api/bindings/v/e/a/q/b', status);

describe('what is transient', () => {
  it.each([
    ['no answer: unreachable', http('broker-unreachable'), true],
    ['no answer: timeout', http('broker-timeout'), true],
    ['502 from a proxy', http('broker-http', 502), true],
    ['503', http('broker-http', 503), true],
    ['504', http('broker-http', 504), true],
    ['a refusal: 400', http('broker-http', 400), false],
    ['not found', http('broker-not-found', 404), false],
    ['forbidden', http('broker-forbidden', 403), false],
    ['a 500 (a broker bug, not a blip)', http('broker-http', 500), false],
    ['a TopoError that is no HTTP failure', new TopoError('broker-unreachable', 'x'), false],
    ['anything else', new Error('x'), false],
  ])('thrown: %s → %s', (_label, error, transient) => {
    expect(isTransientError(error)).toBe(transient);
  });

  it.each([
    [200, false],
    [400, false],
    [404, false],
    [500, false],
    [502, true],
    [503, true],
    [504, true],
  ])('status %i → %s', (status, transient) => {
    expect(isTransientStatus(status)).toBe(transient);
  });

  it.each([
    ['not-connected', true],
    ['lost', true],
    ['timeout', true],
    ['tls', false],
  ] as const)('no answer (%s) → %s', (kind, transient) => {
    expect(isTransientNoAnswer(kind)).toBe(transient);
  });
});

describe('nextRetryDelay', () => {
  const policy = (p: Partial<RetryPolicy>): RetryPolicy => ({ ...DEFAULT_RETRY_POLICY, ...p });
  it.each([
    ['the first retry waits backoffMs', policy({}), 1, 0, 100],
    ['the second waits twice as long', policy({}), 2, 150, 200],
    ['no try after the last attempt', policy({}), 3, 400, undefined],
    ['one attempt never retries', policy({ attempts: 1 }), 1, 0, undefined],
    ['waits double up to maxBackoffMs', policy({ attempts: 20, maxBackoffMs: 1_000 }), 6, 0, 1_000],
    ['a budget shortens the last wait to end at it', policy({ attempts: 20, budgetMs: 5_000 }), 4, 4_900, 100],
    ['no retry once the budget is spent', policy({ attempts: 20, budgetMs: 5_000 }), 2, 5_000, undefined],
    ['no retry past the budget', policy({ attempts: 20, budgetMs: 5_000 }), 2, 7_000, undefined],
    ['attempts bound a budget that is left', policy({ attempts: 2, budgetMs: 5_000 }), 2, 10, undefined],
    ['a budget alone (no attempts bound)', policy({ attempts: Infinity, budgetMs: 5_000 }), 30, 1_000, 2_000],
    ['no wait when backoff is 0', policy({ backoffMs: 0 }), 1, 0, 0],
  ])('%s', (_label, p, tries, elapsed, expected) => {
    expect(nextRetryDelay(p, tries, elapsed)).toBe(expected);
  });
});

describe('retryPolicy', () => {
  it('fills what is not given from the default, ignoring other fields and undefined', () => {
    expect(retryPolicy()).toEqual(DEFAULT_RETRY_POLICY);
    const options = { backoffMs: 5, attempts: undefined, maxSockets: 4 } as Partial<RetryPolicy>;
    expect(retryPolicy(options)).toEqual({ ...DEFAULT_RETRY_POLICY, backoffMs: 5 });
  });

  it('makes at least one try and never waits a negative time', () => {
    expect(retryPolicy({ attempts: 0, backoffMs: -1, maxBackoffMs: -1 })).toMatchObject({ attempts: 1, backoffMs: 0, maxBackoffMs: 0 });
  });
});

/** A clock that moves only when slept on, and each try takes `tryMs`. */
function fakeClock(tryMs = 0): RetryClock & { waits: number[]; tick: () => void } {
  let now = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
    tick: () => {
      now += tryMs;
    },
  };
}

describe('withRetry', () => {
  const transient = () => http('broker-http', 503);

  it('retries a transient failure until it succeeds, waiting the backoff between tries', async () => {
    const clock = fakeClock();
    const tries: number[] = [];
    const value = await withRetry(
      async (attempt) => {
        tries.push(attempt);
        if (attempt < 3) throw transient();
        return 'done';
      },
      onTransientError,
      DEFAULT_RETRY_POLICY,
      clock,
    );
    expect(value).toBe('done');
    expect(tries).toEqual([1, 2, 3]);
    expect(clock.waits).toEqual([100, 200]);
  });

  it('throws the last error once the attempts are spent', async () => {
    const clock = fakeClock();
    let tries = 0;
    const errors: unknown[] = [];
    const run = withRetry(
      async () => {
        tries++;
        const error = transient();
        errors.push(error);
        throw error;
      },
      onTransientError,
      DEFAULT_RETRY_POLICY,
      clock,
    );
    const thrown = await run.catch((error: unknown) => error);
    expect(tries).toBe(3);
    expect(thrown).toBe(errors[2]);
  });

  it('never repeats a failure that is not transient', async () => {
    const clock = fakeClock();
    let tries = 0;
    const refusal = http('broker-http', 400);
    const run = withRetry(
      async () => {
        tries++;
        throw refusal;
      },
      onTransientError,
      DEFAULT_RETRY_POLICY,
      clock,
    );
    await expect(run).rejects.toBe(refusal);
    expect(tries).toBe(1);
    expect(clock.waits).toEqual([]);
  });

  it('retries on a value when retryIf says so (a failure returned rather than thrown)', async () => {
    const clock = fakeClock();
    const statuses = [503, 502, 200];
    const seen: Settled<number>[] = [];
    const status = await withRetry(
      async (attempt) => statuses[attempt - 1]!,
      (outcome) => {
        seen.push(outcome);
        return outcome.ok && isTransientStatus(outcome.value);
      },
      DEFAULT_RETRY_POLICY,
      clock,
    );
    expect(status).toBe(200);
    expect(seen).toEqual([
      { ok: true, value: 503 },
      { ok: true, value: 502 },
      { ok: true, value: 200 },
    ]);
  });

  it('rides out an outage within the budget, and stops at the budget however many attempts are left', async () => {
    const policy = retryPolicy({ attempts: Infinity, backoffMs: 100, maxBackoffMs: 1_000, budgetMs: 3_000 });
    const clock = fakeClock(50);
    let tries = 0;
    const run = withRetry(
      async () => {
        tries++;
        clock.tick();
        throw transient();
      },
      onTransientError,
      policy,
      clock,
    );
    await expect(run).rejects.toThrow('x');
    // Waits 100, 200, 400, 800, 1000, then what is left of the budget; each try took 50 ms.
    expect(clock.waits).toEqual([100, 200, 400, 800, 1_000, 200]);
    expect(tries).toBe(7);
    expect(clock.now()).toBe(3_000 + 50);
  });
});
