import { readFile } from 'node:fs/promises';
import { fileErrorReason, TopoError } from '../errors.js';
import type { Topology } from '../model/topology.js';
import { definitionsTopology } from './definitions-topology.js';
import { parseDefinitions } from './parse-definitions.js';

/**
 * The Topology of the vhosts `vhosts` (all when empty) of the RabbitMQ definitions file
 * `file` (see `definitionsTopology`). The I/O edge of `export --from-definitions`: an
 * unreadable file or one that is not definitions is a one-line `TopoError('file')`, a vhost
 * the file lacks a `TopoError('usage')`.
 */
export async function readDefinitionsFile(file: string, vhosts: readonly string[]): Promise<Topology> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new TopoError('file', `cannot read ${file}: ${fileErrorReason(error)}`);
  }
  const parsed = parseDefinitions(text, file);
  if (!parsed.ok) throw new TopoError('file', parsed.error);
  const selected = definitionsTopology(parsed.definitions, vhosts, file);
  if (!selected.ok) throw new TopoError('usage', selected.error);
  return selected.topology;
}
