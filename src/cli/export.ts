import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { ExitCode, fileErrorReason, TopoError } from '../errors.js';
import { exportableTopology } from '../export/exportable-topology.js';
import { findTopoSchema } from '../export/find-topo-schema.js';
import { perVhostFiles } from '../export/per-vhost-files.js';
import { readBrokerTopology } from '../export/read-broker-topology.js';
import { readDefinitionsFile } from '../export/read-definitions-file.js';
import { schemaReference } from '../export/schema-reference.js';
import { topologyToYaml } from '../export/topology-to-yaml.js';
import { notExportedLine, type NotExported } from '../export/not-exported.js';
import type { Topology } from '../model/topology.js';
import type { CommandIO } from './io.js';
import { openBroker } from './open-broker.js';
import type { ExportOptions } from './options.js';

/**
 * `topo export`: the broker's topology (all vhosts, or each `--vhost`), or a RabbitMQ
 * definitions file (`--from-definitions`, no broker), as spec YAML on stdout, in one file
 * (`-o FILE`), or in one file per vhost (`-o DIR/`, or `-o` naming an existing directory).
 */
export async function exportCommand(_paths: string[], options: ExportOptions, io: CommandIO): Promise<number> {
  const notExported: NotExported[] = [];
  const read = options.fromDefinitions
    ? await readDefinitionsFile(options.fromDefinitions, options.vhost)
    : await readBroker(options, io, notExported);
  const topology = exportableTopology(read, notExported);
  const written = { notExported, ...(options.includePasswordHashes ? { includePasswordHashes: true } : {}) };
  const locations = { project: process.cwd(), schema: findTopoSchema() };
  if (options.output === undefined) {
    io.out(topologyToYaml(topology, { ...written, schemaPath: schemaReference(process.cwd(), locations) }));
  } else if (isDirectoryTarget(options.output)) {
    const dir = resolve(options.output);
    await mkdir(dir, { recursive: true }).catch(fileError(options.output, 'create'));
    for (const { file, vhost, text } of perVhostFiles(topology, dir, schemaReference(dir, locations), written)) {
      await write(file, text);
      io.err(`wrote ${relative(process.cwd(), file) || file} (${vhost === '' ? 'users' : `vhost ${JSON.stringify(vhost)}`})\n`);
    }
  } else {
    const file = resolve(options.output);
    await write(file, topologyToYaml(topology, { ...written, schemaPath: schemaReference(dirname(file), locations) }));
  }
  const left = notExportedLine(notExported);
  if (left) io.err(left);
  return ExitCode.ok;
}

async function readBroker(options: ExportOptions, io: CommandIO, notExported: NotExported[]): Promise<Topology> {
  const { client } = openBroker(options, io.env);
  try {
    return await readBrokerTopology(client, options.vhost, notExported);
  } finally {
    client.close();
  }
}

/** `-o` names a directory: it ends with a separator, or is an existing directory. */
function isDirectoryTarget(output: string): boolean {
  if (output.endsWith('/') || output.endsWith(sep)) return true;
  return existsSync(output) && statSync(output).isDirectory();
}

async function write(file: string, text: string): Promise<void> {
  await writeFile(file, text).catch(fileError(file, 'write'));
}

function fileError(file: string, verb: string) {
  return (error: unknown): never => {
    throw new TopoError('file', `cannot ${verb} ${file}: ${fileErrorReason(error)}`);
  };
}
