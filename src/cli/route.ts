import { ExitCode, TopoError } from '../errors.js';
import { declaredVhost } from '../model/declared-vhost.js';
import { describeRouteError } from '../routing/describe-message.js';
import { parseHeaderFlags } from '../routing/parse-header-flags.js';
import { defaultRouteVhost } from '../routing/default-route-vhost.js';
import { renderRouteText, routeJson } from '../routing/render-route.js';
import { compileRoutes } from '../routing/route-table.js';
import { route } from '../routing/route.js';
import { didYouMeanHint } from '../text/did-you-mean.js';
import type { CommandIO } from './io.js';
import { loadSpecFromFlags } from './load-spec.js';
import type { RouteOptions } from './options.js';

/**
 * `topo route PATH... -e EXCHANGE [-k KEY] [-H name=value]... [--vhost V] [--json]`: where a
 * message goes, offline. Exits 1 with one line when the vhost or exchange is unknown, the
 * exchange is internal, or a header flag is malformed.
 */
export async function routeCommand(paths: string[], options: RouteOptions, io: CommandIO): Promise<number> {
  const parsed = parseHeaderFlags(options.header ?? []);
  if (!parsed.ok) throw new TopoError('usage', parsed.error);
  const topology = await loadSpecFromFlags(paths, options, io);
  const declared = declaredVhost(topology, options.vhost ?? defaultRouteVhost(topology));
  if (!declared.ok) throw new TopoError('usage', declared.error);
  const vhost = declared.vhost;
  const message = { exchange: options.exchange, routingKey: options.routingKey ?? '', headers: parsed.headers };
  const table = compileRoutes(topology, vhost);
  const result = route(table, message);
  if (result.error) {
    const subject = result.errorExchange ?? message.exchange;
    const hint = result.error === 'unknown-exchange' ? didYouMeanHint(subject, table.exchanges.keys()) : '';
    throw new TopoError('usage', `${describeRouteError(result.error, subject, vhost)}${hint}`);
  }
  io.out(options.json ? `${JSON.stringify(routeJson(result), null, 2)}\n` : renderRouteText(vhost, message, result));
  return ExitCode.ok;
}
