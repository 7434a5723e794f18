import { BrokerHttpError } from './broker-http-error.js';

/**
 * The one place that says which management API failures are worth a second try, and how the
 * tries are spaced. The management client retries its idempotent calls with it; the executor
 * retries a binding POST (safe to repeat) with the same policy and the same test.
 */

/**
 * How a call that failed transiently is tried again: exponential backoff, bounded by a number
 * of tries and by a time budget, whichever ends first.
 */
export interface RetryPolicy {
  /** Most tries of one call, the first included; 1 never retries. */
  attempts: number;
  /** Wait before the first retry, in ms; each later wait doubles, up to `maxBackoffMs`. */
  backoffMs: number;
  /** Longest single wait between two tries, in ms. */
  maxBackoffMs: number;
  /**
   * Time from the start of the first try after which no retry starts, in ms; the last wait is
   * shortened to end at the budget, so an outage shorter than the budget is ridden out when
   * `attempts` allows. `Infinity`: only `attempts` bounds the retries.
   */
  budgetMs: number;
}

/**
 * Three tries, 100 ms then 200 ms apart, with no time limit: a blip is ridden out and a broker
 * that is really down fails fast. Longer outages need a policy with a budget.
 */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  attempts: 3,
  backoffMs: 100,
  maxBackoffMs: 2_000,
  budgetMs: Infinity,
};

/**
 * `DEFAULT_RETRY_POLICY` with the fields `overrides` sets (other fields of `overrides` are
 * ignored), made sane: at least one try, no negative wait.
 */
export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const pick = (key: keyof RetryPolicy): number => overrides[key] ?? DEFAULT_RETRY_POLICY[key];
  return {
    attempts: Math.max(1, pick('attempts')),
    backoffMs: Math.max(0, pick('backoffMs')),
    maxBackoffMs: Math.max(0, pick('maxBackoffMs')),
    budgetMs: pick('budgetMs'),
  };
}

/** Statuses a broker (or a proxy before it) answers while it is briefly unable to serve. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/** Why a try got no HTTP answer: the failure kinds the management client tells apart. */
export type NoAnswer = 'not-connected' | 'lost' | 'timeout' | 'tls' | 'not-http';

/** A status that may be different if the same call is repeated: a gateway error. A refusal (4xx) or a 500 never is. */
export function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUSES.has(status);
}

/**
 * No answer may come next time, except from a TLS failure (a certificate does not fix itself)
 * or a server that does not speak HTTP (a URL naming the wrong port).
 */
export function isTransientNoAnswer(kind: NoAnswer): boolean {
  return kind !== 'tls' && kind !== 'not-http';
}

/**
 * A thrown failure that may not happen again if the same call is repeated: no answer
 * (unreachable, connection lost, timeout) or a gateway error. `BrokerHttpError` reports a TLS
 * failure as unreachable, so it counts as transient here; the client, which sees the TLS
 * failure itself, never retries it.
 */
export function isTransientError(error: unknown): boolean {
  if (!(error instanceof BrokerHttpError)) return false;
  if (error.status !== undefined) return isTransientStatus(error.status);
  return error.code === 'broker-unreachable' || error.code === 'broker-timeout';
}

/**
 * How long to wait before the next try, or undefined when there is none: `tries` were made so
 * far, the first `elapsedMs` ago. Pure.
 */
export function nextRetryDelay(policy: Readonly<RetryPolicy>, tries: number, elapsedMs: number): number | undefined {
  if (tries >= policy.attempts) return undefined;
  const left = policy.budgetMs - elapsedMs;
  if (left <= 0) return undefined;
  const backoff = Math.min(policy.backoffMs * 2 ** (tries - 1), policy.maxBackoffMs);
  return Math.max(0, Math.min(backoff, left));
}

/** The result of one try: what `withRetry` shows to its `retryIf`. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Time, for `withRetry`; tests pass a fake one. */
export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const SYSTEM_CLOCK: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Runs `run` until `retryIf` says its outcome is final or `policy` allows no more tries, then
 * returns the last value or throws the last error. `retryIf` sees successes too, so a caller
 * whose try returns a failure as a value (an HTTP status) can retry on it.
 */
export async function withRetry<T>(
  run: (attempt: number) => Promise<T>,
  retryIf: (outcome: Settled<T>) => boolean,
  policy: Readonly<RetryPolicy> = DEFAULT_RETRY_POLICY,
  clock: RetryClock = SYSTEM_CLOCK,
): Promise<T> {
  const started = clock.now();
  for (let attempt = 1; ; attempt++) {
    let outcome: Settled<T>;
    try {
      outcome = { ok: true, value: await run(attempt) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const wait = retryIf(outcome) ? nextRetryDelay(policy, attempt, clock.now() - started) : undefined;
    if (wait === undefined) {
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    }
    await clock.sleep(wait);
  }
}

/** For `withRetry`: retry a thrown transient failure, nothing else. */
export function onTransientError(outcome: Settled<unknown>): boolean {
  return !outcome.ok && isTransientError(outcome.error);
}
