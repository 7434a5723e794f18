import { BROKER_WIDE_KINDS, type Binding } from '../model/topology.js';
import type { ChangeKind } from './change.js';

/** How each kind of object is called in plan output and guard reasons. */
const KIND_LABELS: Readonly<Record<ChangeKind, string>> = {
  vhost: 'vhost',
  exchange: 'exchange',
  queue: 'queue',
  binding: 'binding',
  policy: 'policy',
  operatorPolicy: 'operator policy',
  vhostLimit: 'vhost limit',
  federationUpstream: 'federation upstream',
  shovel: 'shovel',
  globalParameter: 'global parameter',
  user: 'user',
  permission: 'permissions of user',
  topicPermission: 'topic permissions of user',
};

/**
 * The display name of a binding, used as `Change.name`: `source -> destination [routingKey]`.
 * Not an identity (arguments are left out): match bindings with `bindingKey`.
 */
export function bindingLabel(b: Pick<Binding, 'source' | 'destination' | 'routingKey'>): string {
  return `${b.source} -> ${b.destination} [${b.routingKey}]`;
}

/**
 * One object named for a person: `queue "orders" in vhost "/"`. Names are JSON-quoted so
 * that spaces and odd characters stay visible.
 */
export function objectLabel(o: { kind: ChangeKind; vhost: string; name: string }): string {
  const own = objectName(o);
  return o.kind === 'vhost' || BROKER_WIDE_KINDS.has(o.kind) ? own : `${own} in vhost ${JSON.stringify(o.vhost)}`;
}

/** An object named within its vhost: `queue "orders"`. */
export function objectName(o: { kind: ChangeKind; name: string }): string {
  return `${KIND_LABELS[o.kind]} ${JSON.stringify(o.name)}`;
}
