import type { StepOperation } from '../plan/step.js';
import type { Binding } from '../model/topology.js';

/** One line naming what a step does, for progress and failure messages: display only. */
export function describeStep(step: StepOperation): string {
  switch (step.op) {
    case 'put-vhost':
      return `put vhost "${step.vhost.name}"`;
    case 'declare-exchange':
      return `declare exchange "${step.exchange.name}"${inVhost(step.exchange.vhost)}`;
    case 'delete-exchange':
      return `delete exchange "${step.name}"${inVhost(step.vhost)}`;
    case 'declare-queue':
      return `declare queue "${step.queue.name}"${inVhost(step.queue.vhost)}`;
    case 'delete-queue':
      return `delete queue "${step.name}"${step.ifEmpty ? ' if empty' : ''}${inVhost(step.vhost)}`;
    case 'declare-holding-queue':
      return `declare holding queue "${step.name}" for queue "${step.of}"${inVhost(step.vhost)}`;
    case 'drain-queue':
      return `move the messages of queue "${step.name}" to "${step.into}", then delete it${inVhost(step.vhost)}`;
    case 'bind':
      return `bind ${bindingLabel(step.binding)}${inVhost(step.binding.vhost)}`;
    case 'unbind':
      return `unbind ${bindingLabel(step.binding)}${inVhost(step.binding.vhost)}`;
    case 'put-policy':
      return `put ${step.operator ? 'operator policy' : 'policy'} "${step.policy.name}"${inVhost(step.policy.vhost)}`;
    case 'delete-policy':
      return `delete ${step.operator ? 'operator policy' : 'policy'} "${step.name}"${inVhost(step.vhost)}`;
    case 'protect-vhost':
      return `${step.protect ? 'protect' : 'unprotect'} vhost "${step.vhost}" from deletion`;
    case 'put-vhost-limit':
      return `set limit ${step.name} to ${step.value}${inVhost(step.vhost)}`;
    case 'delete-vhost-limit':
      return `clear limit ${step.name}${inVhost(step.vhost)}`;
    case 'put-parameter':
      return `put ${step.component} "${step.parameter.name}"${inVhost(step.parameter.vhost)}`;
    case 'delete-parameter':
      return `delete ${step.component} "${step.name}"${inVhost(step.vhost)}`;
    case 'put-global-parameter':
      return `put global parameter "${step.parameter.name}"`;
    case 'delete-global-parameter':
      return `delete global parameter "${step.name}"`;
    case 'put-user':
      return `put user "${step.user.name}"`;
    case 'delete-user':
      return `delete user "${step.name}"`;
    case 'put-user-limits':
      return `set the limits of user "${step.user}"`;
    case 'put-permission':
      return `set the permissions of user "${step.permission.user}"${inVhost(step.permission.vhost)}`;
    case 'delete-permission':
      return `clear the permissions of user "${step.user}"${inVhost(step.vhost)}`;
    case 'put-topic-permissions':
      return `set the topic permissions of user "${step.topicPermission.user}"${inVhost(step.topicPermission.vhost)}`;
    case 'delete-topic-permissions':
      return `clear the topic permissions of user "${step.user}"${inVhost(step.vhost)}`;
    default: {
      const impossible: never = step;
      return String(impossible);
    }
  }
}

function inVhost(vhost: string): string {
  return ` in vhost "${vhost}"`;
}

function bindingLabel(b: Binding): string {
  const destination = b.destinationType === 'exchange' ? `exchange "${b.destination}"` : `"${b.destination}"`;
  const args = Object.keys(b.arguments).length > 0 ? ` ${JSON.stringify(b.arguments)}` : '';
  return `"${b.source}" -> ${destination} [${b.routingKey}]${args}`;
}
