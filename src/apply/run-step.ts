import { apiPath, BrokerHttpError, type ManagementClient } from '../broker/management-client.js';
import { TopoError } from '../errors.js';
import type { StepOperation } from '../plan/step.js';
import { canonicalArguments } from '../model/arguments.js';
import { sameValue } from '../model/canonical-json.js';
import type { Binding } from '../model/topology.js';
import { isTransientError } from './transient-error.js';
import { declareHoldingQueue } from './declare-holding-queue.js';
import { drainQueue } from './drain-queue.js';

/** 201 Created and 204 No Content both mean the broker did it. */
const WRITE_OK = [200, 201, 204];
/** A delete of something already gone is done: that is what makes deletes repeatable. */
const DELETE_OK = [200, 204, 404];
/** Attempts of a binding POST on transient failures (the client retries only idempotent verbs). */
const BIND_ATTEMPTS = 4;
const BIND_BACKOFF_MS = 200;

/**
 * Carries out one plan step with the management API: one call per step (two for `unbind`,
 * which has to look up the broker's `properties_key` first). Every step is idempotent, so
 * an apply that was interrupted can simply be run again. Throws a one-line error on failure.
 */
export async function runStep(client: ManagementClient, step: StepOperation, context: RunStepContext = {}): Promise<void> {
  switch (step.op) {
    case 'put-vhost': {
      // PUT replaces the vhost's metadata as a whole; fields left out are reset by the broker.
      const body: { description?: string; tags?: string[] } = {};
      if (step.vhost.description !== undefined) body.description = step.vhost.description;
      if (step.vhost.tags !== undefined) body.tags = step.vhost.tags;
      await client.request('PUT', apiPath('vhosts', step.vhost.name), { body, okStatuses: WRITE_OK });
      return;
    }
    case 'declare-exchange': {
      const e = step.exchange;
      await client.request('PUT', apiPath('exchanges', e.vhost, e.name), {
        body: { type: e.type, durable: e.durable, auto_delete: e.autoDelete, internal: e.internal, arguments: e.arguments },
        okStatuses: WRITE_OK,
      });
      return;
    }
    case 'delete-exchange':
      await client.request('DELETE', apiPath('exchanges', step.vhost, step.name), { okStatuses: DELETE_OK });
      return;
    case 'declare-queue': {
      const q = step.queue;
      // Classic is the broker's default; leaving `x-queue-type` out keeps older brokers happy.
      const args = q.type === 'classic' ? q.arguments : { ...q.arguments, 'x-queue-type': q.type };
      await client.request('PUT', apiPath('queues', q.vhost, q.name), {
        body: { durable: q.durable, auto_delete: q.autoDelete, arguments: args },
        okStatuses: WRITE_OK,
      });
      return;
    }
    case 'delete-queue':
      await deleteQueue(client, step.vhost, step.name, step.ifEmpty, context);
      return;
    case 'declare-holding-queue':
      await declareHoldingQueue(client, step);
      return;
    case 'drain-queue':
      await drainQueue(client, step, () => deleteQueue(client, step.vhost, step.name, true, context));
      return;
    case 'bind':
      await bind(client, step.binding);
      return;
    case 'unbind':
      await unbind(client, step.binding);
      return;
    case 'put-policy': {
      const p = step.policy;
      await client.request('PUT', apiPath(policiesRoot(step.operator), p.vhost, p.name), {
        body: { pattern: p.pattern, definition: p.definition, priority: p.priority, 'apply-to': p.applyTo },
        okStatuses: WRITE_OK,
      });
      return;
    }
    case 'delete-policy':
      await client.request('DELETE', apiPath(policiesRoot(step.operator), step.vhost, step.name), {
        okStatuses: DELETE_OK,
      });
      return;
    default: {
      const impossible: never = step;
      throw new TopoError('plan-file', `unknown step ${JSON.stringify(impossible)}`);
    }
  }
}

function policiesRoot(operator: boolean): string {
  return operator ? 'operator-policies' : 'policies';
}

/** What a step may need beyond the management API. */
export interface RunStepContext {
  /**
   * The ready messages of a queue counted exactly now (over AMQP), or undefined when the
   * queue is gone. Used where the broker cannot delete `if-empty` itself (quorum queues and
   * streams before RabbitMQ 4), because the management API's counts for those lag by seconds.
   */
  countMessages?: (vhost: string, name: string) => Promise<number | undefined>;
}

/** The management API path of the bindings between one source and one destination. */
function bindingsPath(b: Binding, ...rest: string[]): string {
  return apiPath('bindings', b.vhost, 'e', b.source, b.destinationType === 'queue' ? 'q' : 'e', b.destination, ...rest);
}

async function deleteQueue(
  client: ManagementClient,
  vhost: string,
  name: string,
  ifEmpty: boolean,
  context: RunStepContext,
): Promise<void> {
  const path = apiPath('queues', vhost, name);
  try {
    await client.request('DELETE', path, { ...(ifEmpty ? { query: { 'if-empty': 'true' } } : {}), okStatuses: DELETE_OK });
  } catch (error) {
    if (!ifEmpty || !(error instanceof BrokerHttpError) || error.status !== 400) throw error;
    // The broker refuses an if-empty delete of a queue that is not empty: the planner saw it
    // empty, so these messages arrived after the plan. Keep them; never retry into a loss.
    if (/not empty/i.test(error.reason ?? '')) {
      throw new TopoError('apply-failed', `kept: ${await messagesNow(client, vhost, name)} arrived after the plan`);
    }
    if (!/if-empty.*not supported/i.test(error.reason ?? '')) throw error;
    // Quorum queues and streams on RabbitMQ 3.x have no if-empty delete. The next best thing:
    // an exact count just before an unconditional delete. A message published in the
    // milliseconds between the two is the one case this cannot protect (docs/apply.md).
    if (!context.countMessages) {
      throw new TopoError('apply-failed', 'kept: the broker cannot delete this queue only if empty, and no exact count is available');
    }
    // Ready messages counted exactly, and the management API's total, which also counts
    // unacknowledged ones (late, but never wrongly above zero for an empty queue).
    const ready = (await context.countMessages(vhost, name)) ?? 0;
    const total = await managementCount(client, vhost, name);
    const count = Math.max(ready, total);
    if (count > 0) throw new TopoError('apply-failed', `kept: ${plural(count)} arrived after the plan`);
    await client.request('DELETE', path, { okStatuses: DELETE_OK });
  }
}

/** "N messages" as the broker reports them now, or a plain phrase when it cannot say. */
async function messagesNow(client: ManagementClient, vhost: string, name: string): Promise<string> {
  const count = await managementCount(client, vhost, name);
  return count > 0 ? plural(count) : 'messages';
}

/** The management API's message total of a queue; 0 when it cannot say. */
async function managementCount(client: ManagementClient, vhost: string, name: string): Promise<number> {
  try {
    const queue = await client.get<{ messages?: number }>(apiPath('queues', vhost, name));
    // Management statistics are sampled, so a fresh message may not be counted yet.
    return typeof queue.messages === 'number' ? queue.messages : 0;
  } catch {
    // The refusal is what matters; the count is only a detail.
    return 0;
  }
}

const plural = (n: number): string => `${n} message${n === 1 ? '' : 's'}`;

/**
 * POST is not idempotent in HTTP terms, so the client does not retry it; but creating a
 * binding that exists is a no-op in RabbitMQ, so repeating it is safe and done here.
 */
async function bind(client: ManagementClient, b: Binding): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.request('POST', bindingsPath(b), {
        body: { routing_key: b.routingKey, arguments: b.arguments },
        okStatuses: WRITE_OK,
      });
      return;
    } catch (error) {
      if (attempt >= BIND_ATTEMPTS || !isTransientError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, BIND_BACKOFF_MS * 2 ** (attempt - 1)));
    }
  }
}

/**
 * The management API deletes a binding by its `properties_key`, which the broker derives
 * from the routing key and a hash of the arguments: only its own listing can tell it.
 * A binding that is already gone is done.
 */
async function unbind(client: ManagementClient, b: Binding): Promise<void> {
  const listed = await client.request<{ routing_key: string; arguments: Binding['arguments']; properties_key: string }[]>(
    'GET',
    bindingsPath(b),
    { okStatuses: [200, 404] },
  );
  const wanted = canonicalArguments(b.arguments);
  const match = (listed.body ?? []).find(
    (l) => l.routing_key === b.routingKey && sameValue(canonicalArguments(l.arguments), wanted),
  );
  if (!match) return;
  await client.request('DELETE', bindingsPath(b, match.properties_key), { okStatuses: DELETE_OK });
}
