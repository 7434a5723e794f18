import type { Arguments } from '../model/topology.js';
import { describeMessage } from './describe-message.js';
import { renderPath } from './render-path.js';
import type { RouteHop, RouteResult } from './route.js';
import { countOf } from '../text/count-of.js';

/** The `topo route --json` document (formatVersion 1). */
export interface RouteJson {
  formatVersion: 1;
  /** The queues that get the message for sure; sorted, unique. */
  queues: string[];
  /** Groups of queues of which exactly one gets it (exchanges that pick at random); only when there are. */
  oneOf?: string[][];
  path: RouteHop[];
  alternateExchangeUsed: boolean;
}

/** The `--json` view of a successful route; the text view is rendered from the same data. */
export function routeJson(result: RouteResult): RouteJson {
  return {
    formatVersion: 1,
    queues: result.queues,
    ...(result.oneOf ? { oneOf: result.oneOf } : {}),
    path: result.path,
    alternateExchangeUsed: result.alternateExchangeUsed,
  };
}

/** Where a message goes, for a terminal: the message, the path as a tree, the queues. */
export function renderRouteText(
  vhost: string,
  message: { exchange: string; routingKey: string; headers: Arguments },
  result: RouteResult,
): string {
  const view = routeJson(result);
  const lines = [
    `message to ${describeMessage(vhost, message.exchange, message.routingKey, message.headers)}`,
    ...renderPath(message.exchange, view.path, '  '),
  ];
  const groups = view.oneOf ?? [];
  if (view.queues.length === 0 && groups.length === 0) {
    lines.push('reaches no queue: the message is dropped (or returned, if published as mandatory)');
  } else {
    const through = view.alternateExchangeUsed ? ' (through an alternate exchange)' : '';
    const reached = [
      ...(view.queues.length > 0 ? [`${countOf(view.queues.length, 'queue')}${through}: ${view.queues.join(', ')}`] : []),
      ...groups.map((group) => `one of ${countOf(group.length, 'queue')}, picked at random${view.queues.length > 0 ? '' : through}: ${group.join(', ')}`),
    ];
    lines.push(`reaches ${reached.join('; and ')}`);
  }
  return `${lines.join('\n')}\n`;
}
