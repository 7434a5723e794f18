import { ExitCode, TopoError } from '../errors.js';
import { renderDot } from '../graph/render-dot.js';
import { renderMermaid } from '../graph/render-mermaid.js';
import { declaredVhost } from '../model/declared-vhost.js';
import type { CommandIO } from './io.js';
import { loadSpecFromFlags } from './load-spec.js';
import type { GraphOptions } from './options.js';

/** `topo graph`: the spec's topology as a Mermaid flowchart (default) or a Graphviz digraph. */
export async function graphCommand(paths: string[], options: GraphOptions, io: CommandIO): Promise<number> {
  const topology = await loadSpecFromFlags(paths, options, io);
  if (options.vhost !== undefined) {
    const declared = declaredVhost(topology, options.vhost);
    if (!declared.ok) throw new TopoError('usage', declared.error);
  }
  const draw = { ...(options.vhost === undefined ? {} : { vhost: options.vhost }) };
  const format = options.format ?? 'mermaid';
  switch (format) {
    case 'mermaid':
      io.out(renderMermaid(topology, draw));
      break;
    case 'dot':
      io.out(renderDot(topology, draw));
      break;
    default: {
      const impossible: never = format;
      throw new TopoError('usage', `unknown graph format ${String(impossible)}`);
    }
  }
  return ExitCode.ok;
}
