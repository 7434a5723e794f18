import { canonicalJson } from '../model/canonical-json.js';
import type { HopOutcome, RouteHop } from './route.js';

/**
 * Draws a route's path as a tree rooted at the exchange published to: under each exchange,
 * the hops it made; under a hop that entered another exchange, that exchange's hops. One
 * line per hop, each prefixed with `indent`.
 */
export function renderPath(start: string, path: readonly RouteHop[], indent = ''): string[] {
  const bySource = new Map<string, RouteHop[]>();
  for (const hop of path) {
    const list = bySource.get(hop.source) ?? [];
    list.push(hop);
    bySource.set(hop.source, list);
  }
  const lines = [`${indent}${start === '' ? '(default exchange)' : start}`];
  const walk = (source: string, prefix: string): void => {
    const hops = bySource.get(source) ?? [];
    hops.forEach((hop, i) => {
      const last = i === hops.length - 1;
      lines.push(`${indent}${prefix}${last ? '└── ' : '├── '}${hopLabel(hop)}`);
      if (hop.destinationType === 'exchange' && hop.outcome === 'entered') {
        walk(hop.destination, `${prefix}${last ? '    ' : '│   '}`);
      }
    });
  };
  walk(start, '');
  return lines;
}

function hopLabel(hop: RouteHop): string {
  const to = `${hop.destinationType} ${hop.destination}${outcomeNote(hop.outcome)}`;
  switch (hop.via) {
    case 'binding': {
      const args = Object.keys(hop.arguments).length > 0 ? ` arguments ${canonicalJson(hop.arguments)}` : '';
      return `key "${hop.routingKey}"${args} → ${to}`;
    }
    case 'alternate-exchange': {
      const policy = hop.policy === undefined ? '' : ` (set by policy "${hop.policy}")`;
      return `no binding matched: alternate exchange${policy} → ${to}`;
    }
    case 'default-exchange':
      return `queue name "${hop.routingKey}" → ${to}`;
    default: {
      const impossible: never = hop;
      return impossible;
    }
  }
}

function outcomeNote(outcome: HopOutcome): string {
  switch (outcome) {
    case 'delivered':
    case 'entered':
      return '';
    case 'duplicate':
      return ' (already has it: one copy per queue)';
    case 'one-of':
      return ' (one of these gets it, picked at random)';
    case 'already-visited':
      return ' (already visited: not routed again)';
    case 'missing':
      return ' (not declared: skipped)';
    default: {
      const impossible: never = outcome;
      return impossible;
    }
  }
}
