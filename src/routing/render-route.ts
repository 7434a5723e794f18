import type { Arguments } from '../model/topology.js';
import { describeMessage } from './describe-message.js';
import { renderPath } from './render-path.js';
import type { RouteHop, RouteResult } from './route.js';
import { countOf } from '../text/count-of.js';

/** The `topo route --json` document (formatVersion 1). */
export interface RouteJson {
  formatVersion: 1;
  /** Sorted, unique. */
  queues: string[];
  path: RouteHop[];
  alternateExchangeUsed: boolean;
}

/** The `--json` view of a successful route; the text view is rendered from the same data. */
export function routeJson(result: RouteResult): RouteJson {
  return {
    formatVersion: 1,
    queues: result.queues,
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
  if (view.queues.length === 0) {
    lines.push('reaches no queue: the message is dropped (or returned, if published as mandatory)');
  } else {
    const through = view.alternateExchangeUsed ? ' (through an alternate exchange)' : '';
    lines.push(`reaches ${countOf(view.queues.length, 'queue')}${through}: ${view.queues.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
