import { apiPath, type ManagementClient } from '../broker/management-client.js';
import { onTransientError, withRetry } from '../broker/retry-policy.js';
import { isDeclareStep, type DeclareStep } from './declare-step.js';
import { declareHoldingQueue } from './declare-holding-queue.js';
import { deleteQueue, type DeleteQueueContext } from './delete-queue.js';
import { drainQueue } from './drain-queue.js';
import { runAccessStep, type AccessStepContext } from './run-access-step.js';
import { DELETE_OK, WRITE_OK } from './ok-statuses.js';
import { deleteObject, putObject } from './put-and-delete.js';
import { TopoError } from '../errors.js';
import type { StepOperation } from '../plan/step.js';
import { revealParameterValue } from '../plan/redact-parameter.js';
import { canonicalArguments } from '../model/arguments.js';
import { sameValue } from '../model/canonical-json.js';
import { queueDeclareArguments } from '../model/queue-declare-arguments.js';
import type { Binding } from '../model/topology.js';


/**
 * Carries out one plan step with the management API (or a declare over AMQP, with
 * `context.declarer`): one call per step (two for `unbind`,
 * which has to look up the broker's `properties_key` first, and for a queue delete that must
 * not lose messages, which checks the queue's type first: see `deleteQueue`). Every step is
 * idempotent, so an apply that was interrupted can simply be run again. Throws a one-line
 * error on failure.
 */
export async function runStep(client: ManagementClient, step: StepOperation, context: RunStepContext = {}): Promise<void> {
  if (context.declarer && isDeclareStep(step)) return context.declarer.declare(step);
  switch (step.op) {
    case 'put-vhost': {
      // PUT replaces the vhost's metadata as a whole; fields left out are reset by the broker
      // (4.3.6 resets the default queue type to classic), so the plan carries every field.
      const body: { description?: string; tags?: string[]; default_queue_type?: string } = {};
      if (step.vhost.description !== undefined) body.description = step.vhost.description;
      if (step.vhost.tags !== undefined) body.tags = step.vhost.tags;
      if (step.vhost.defaultQueueType !== undefined) body.default_queue_type = step.vhost.defaultQueueType;
      return putObject(client, apiPath('vhosts', step.vhost.name), body);
    }
    case 'declare-exchange': {
      const e = step.exchange;
      const body = { type: e.type, durable: e.durable, auto_delete: e.autoDelete, internal: e.internal, arguments: e.arguments };
      return putObject(client, apiPath('exchanges', e.vhost, e.name), body);
    }
    case 'delete-exchange':
      return deleteObject(client, apiPath('exchanges', step.vhost, step.name));
    case 'declare-queue': {
      const q = step.queue;
      const body = { durable: q.durable, auto_delete: q.autoDelete, arguments: queueDeclareArguments(q) };
      return putObject(client, apiPath('queues', q.vhost, q.name), body);
    }
    case 'delete-queue':
      return deleteQueue(client, step.vhost, step.name, step.ifEmpty, context);
    case 'declare-holding-queue':
      return declareHoldingQueue(client, step);
    case 'drain-queue':
      return drainQueue(client, step, () => deleteQueue(client, step.vhost, step.name, true, context));
    case 'bind':
      return bind(client, step.binding);
    case 'unbind':
      return unbind(client, step.binding);
    case 'put-policy': {
      const p = step.policy;
      const body = { pattern: p.pattern, definition: p.definition, priority: p.priority, 'apply-to': p.applyTo };
      return putObject(client, apiPath(policiesRoot(step.operator), p.vhost, p.name), body);
    }
    case 'delete-policy':
      return deleteObject(client, apiPath(policiesRoot(step.operator), step.vhost, step.name));
    case 'protect-vhost':
      // Protecting a protected vhost (or unprotecting an unprotected one) is a no-op.
      await client.request(step.protect ? 'POST' : 'DELETE', apiPath('vhosts', step.vhost, 'deletion', 'protection'), {
        okStatuses: step.protect ? WRITE_OK : DELETE_OK,
      });
      return;
    case 'put-vhost-limit':
      return putObject(client, apiPath('vhost-limits', step.vhost, step.name), { value: step.value });
    case 'delete-vhost-limit':
      return deleteObject(client, apiPath('vhost-limits', step.vhost, step.name));
    case 'put-parameter': {
      const p = step.parameter;
      // The URIs the spec takes from secrets are read now: the plan (and its file) holds references.
      const value = revealParameterValue(p.value, context.secrets);
      return putObject(client, apiPath('parameters', step.component, p.vhost, p.name), { value });
    }
    case 'delete-parameter':
      return deleteObject(client, apiPath('parameters', step.component, step.vhost, step.name));
    case 'put-global-parameter':
      return putObject(client, apiPath('global-parameters', step.parameter.name), { name: step.parameter.name, value: step.parameter.value });
    case 'delete-global-parameter':
      return deleteObject(client, apiPath('global-parameters', step.name));
    case 'put-user':
    case 'delete-user':
    case 'put-user-limits':
    case 'put-permission':
    case 'delete-permission':
    case 'put-topic-permissions':
    case 'delete-topic-permissions':
      return runAccessStep(client, step, context);
    default: {
      const impossible: never = step;
      throw new TopoError('plan-file', `unknown step ${JSON.stringify(impossible)}`);
    }
  }
}

function policiesRoot(operator: boolean): string {
  return operator ? 'operator-policies' : 'policies';
}

/**
 * What a step may need beyond the management API: a queue delete may count messages over
 * AMQP, a user's step reads its password; with `declarer`, exchange, queue and binding declares
 * go over AMQP (see ./amqp-declarer.ts), every other step over the management API.
 */
export type RunStepContext = DeleteQueueContext &
  AccessStepContext & {
    declarer?: { declare(step: DeclareStep): Promise<void> };
  };

/** The management API path of the bindings between one source and one destination. */
function bindingsPath(b: Binding, ...rest: string[]): string {
  return apiPath('bindings', b.vhost, 'e', b.source, b.destinationType === 'queue' ? 'q' : 'e', b.destination, ...rest);
}

/**
 * POST is not idempotent in HTTP terms, so the client does not retry it; but creating a
 * binding that exists is a no-op in RabbitMQ, so repeating it is safe, and done here with the
 * client's own retry policy.
 */
async function bind(client: ManagementClient, b: Binding): Promise<void> {
  await withRetry(
    () => client.request('POST', bindingsPath(b), { body: { routing_key: b.routingKey, arguments: b.arguments }, okStatuses: WRITE_OK }),
    onTransientError,
    client.retryPolicy,
  );
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
  await deleteObject(client, bindingsPath(b, match.properties_key));
}
