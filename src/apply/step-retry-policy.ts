import type { RetryPolicy } from '../broker/retry-policy.js';

/**
 * How apply retries a step that failed transiently (no answer from any node, a lost
 * connection, a timeout, a 502/503/504): for up to 15 seconds, 100 ms after the first failure,
 * doubling to at most 2 s between tries. Long enough to ride out a node restart behind a load
 * balancer, a management plugin restart or a quorum queue's leader election; short enough that
 * a broker that is really gone fails the apply within seconds. Only idempotent calls are
 * retried (GET, PUT, DELETE, and a binding POST): see ../broker/retry-policy.ts.
 */
export const STEP_RETRY_POLICY: Readonly<Partial<RetryPolicy>> = {
  attempts: Number.POSITIVE_INFINITY,
  backoffMs: 100,
  maxBackoffMs: 2_000,
  budgetMs: 15_000,
};
