import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSingleVhostDefinitions, type Definitions } from '../broker/definitions.js';
import { topologyFromDefinitions } from '../broker/from-definitions.js';
import { apiPath, type ManagementClient } from '../broker/management-client.js';
import { readBrokerState } from '../broker/read-state.js';
import { ExitCode, TopoError } from '../errors.js';
import { exportableTopology } from '../export/exportable-topology.js';
import { splitByVhost } from '../export/split-by-vhost.js';
import { topologyToYaml } from '../export/topology-to-yaml.js';
import { vhostFileNames } from '../export/vhost-file-names.js';
import type { Topology } from '../model/topology.js';
import { openBroker } from './open-broker.js';
import type { CommandIO } from './io.js';
import type { ExportOptions } from './options.js';

const SCHEMA_FILE = join('schemas', 'topology.schema.json');

/**
 * `topo export`: the broker's topology (all vhosts, or each `--vhost`), or a RabbitMQ
 * definitions file (`--from-definitions`, no broker), as spec YAML on stdout, in one file
 * (`-o FILE`), or in one file per vhost (`-o DIR/`, or `-o` naming an existing directory).
 */
export async function exportCommand(_paths: string[], options: ExportOptions, io: CommandIO): Promise<number> {
  const read = options.fromDefinitions
    ? await readDefinitionsFile(options.fromDefinitions, options.vhost)
    : await readBroker(options, io);
  const topology = exportableTopology(read);
  if (options.output === undefined) {
    io.out(topologyToYaml(topology, { schemaPath: schemaReference(process.cwd()) }));
  } else if (isDirectoryTarget(options.output)) {
    await writeDirectory(topology, options.output, io);
  } else {
    const file = resolve(options.output);
    await write(file, topologyToYaml(topology, { schemaPath: schemaReference(dirname(file)) }));
  }
  return ExitCode.ok;
}

async function readBroker(options: ExportOptions, io: CommandIO): Promise<Topology> {
  const { client } = openBroker(options, io.env);
  try {
    if (options.vhost.length === 0) return await readBrokerState(client, await listVhosts(client));
    // The reader tells a vhost the user may not see (an error) from one that does not exist.
    const state = await readBrokerState(client, options.vhost);
    const missing = options.vhost.filter((v) => !state.vhosts.some((x) => x.name === v));
    if (missing.length > 0) {
      throw new TopoError('broker-not-found', `no vhost ${missing.map(quote).join(', ')} on the broker`);
    }
    return state;
  } finally {
    client.close();
  }
}

async function listVhosts(client: ManagementClient): Promise<string[]> {
  const listed = await client.get<{ name: string }[]>(apiPath('vhosts'), { disable_stats: 'true', columns: 'name' });
  return listed.map((v) => v.name);
}

/**
 * A whole-broker definitions file (`GET /api/definitions`, `rabbitmqctl export_definitions`) lists
 * its vhosts and names the vhost of each object; `--vhost` picks vhosts from it. A single-vhost
 * file (`GET /api/definitions/{vhost}`, the management UI's export of one vhost) does not: its
 * vhost is the one `--vhost` gives, else the one its policies name (brokers write it there),
 * else `/`, the vhost the management UI imports into by default.
 */
async function readDefinitionsFile(file: string, vhosts: string[]): Promise<Topology> {
  const definitions = parseDefinitions(file, await readFile(file, 'utf8').catch(fileError(file, 'read')));
  if (isSingleVhostDefinitions(definitions)) {
    if (vhosts.length > 1) {
      throw new TopoError('usage', `${file} holds the objects of one vhost: give at most one --vhost to name it`);
    }
    return topologyFromDefinitions(definitions, { vhost: vhosts[0] ?? namedVhost(definitions) ?? '/' });
  }
  const topology = topologyFromDefinitions(definitions);
  if (vhosts.length === 0) return topology;
  const missing = vhosts.filter((v) => !topology.vhosts.some((x) => x.name === v));
  if (missing.length > 0) throw new TopoError('usage', `no vhost ${missing.map(quote).join(', ')} in ${file}`);
  return { ...topology, vhosts: topology.vhosts.filter((v) => vhosts.includes(v.name)) };
}

/** The vhost a single-vhost file's policies and parameters name, when they name exactly one. */
function namedVhost(definitions: Definitions): string | undefined {
  const named = new Set([...(definitions.policies ?? []), ...(definitions.parameters ?? [])].map((o) => o.vhost));
  const [only] = named;
  return named.size === 1 ? only : undefined;
}

function parseDefinitions(file: string, text: string): Definitions {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TopoError('file', `${file} is not JSON: ${(error as Error).message}`);
  }
  const lists = ['vhosts', 'exchanges', 'queues', 'bindings', 'policies', 'parameters'] as const;
  const object = value !== null && typeof value === 'object' && !Array.isArray(value);
  const record = value as Record<string, unknown>;
  if (!object || lists.some((k) => record[k] !== undefined && !Array.isArray(record[k]))) {
    throw new TopoError('file', `${file} is not a RabbitMQ definitions file (an object with exchanges, queues, ...)`);
  }
  return value as Definitions;
}

async function writeDirectory(topology: Topology, dir: string, io: CommandIO): Promise<void> {
  const target = resolve(dir);
  await mkdir(target, { recursive: true }).catch(fileError(dir, 'create'));
  const names = vhostFileNames(topology.vhosts.map((v) => v.name));
  const schemaPath = schemaReference(target);
  for (const part of splitByVhost(topology)) {
    const vhost = part.vhosts[0]!.name;
    const file = join(target, names.get(vhost)!);
    await write(file, topologyToYaml(part, { schemaPath }));
    io.err(`wrote ${relative(process.cwd(), file) || file} (vhost ${quote(vhost)})\n`);
  }
}

async function write(file: string, text: string): Promise<void> {
  await writeFile(file, text).catch(fileError(file, 'write'));
}

function isDirectoryTarget(output: string): boolean {
  if (output.endsWith('/') || output.endsWith(sep)) return true;
  return existsSync(output) && statSync(output).isDirectory();
}

/**
 * The modeline's path to topo's JSON Schema, relative to the directory of the written file:
 * the schema of the topo that wrote it when that lies in the current project (topo installed
 * as a devDependency, or run from its own repository); otherwise where `npm i -D topo` puts
 * it, so the file does not carry a path of this machine.
 */
function schemaReference(fromDir: string): string {
  const installed = findSchema();
  const project = process.cwd();
  const insideProject = installed !== undefined && !relative(project, installed).startsWith('..');
  const schema = insideProject ? installed : join(project, 'node_modules', 'topo', SCHEMA_FILE);
  return relative(fromDir, schema).split(sep).join('/');
}

/** topo's own schema file: the nearest `schemas/topology.schema.json` above this module. */
function findSchema(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, SCHEMA_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function fileError(file: string, verb: string) {
  return (error: NodeJS.ErrnoException): never => {
    const reason = error.code === 'ENOENT' ? 'no such file or directory' : (error.code ?? error.message);
    throw new TopoError('file', `cannot ${verb} ${file}: ${reason}`);
  };
}

function quote(name: string): string {
  return JSON.stringify(name);
}
