import { join } from 'node:path';
import type { Topology } from '../model/topology.js';
import { splitByVhost } from './split-by-vhost.js';
import { topologyToYaml } from './topology-to-yaml.js';
import type { ExportOptions } from './export-document.js';
import { vhostFileNames } from './vhost-file-names.js';

/** One spec file to write: its path, the vhost it holds, and its text. */
export interface VhostFile {
  file: string;
  vhost: string;
  text: string;
}

/**
 * The files of `topo export -o DIR/`: one spec file per vhost in `dir`, named by
 * `vhostFileNames`, each with its vhost's routing tests and the schema modeline `schemaPath`
 * (relative to `dir`). In vhost order. Pure: the caller writes them.
 */
export function perVhostFiles(topology: Topology, dir: string, schemaPath: string, options: ExportOptions = {}): VhostFile[] {
  const names = vhostFileNames(topology.vhosts.map((v) => v.name));
  const files = splitByVhost(topology).map((part) => {
    const vhost = part.vhosts[0]!.name;
    return { file: join(dir, names.get(vhost)!), vhost, text: topologyToYaml(part, { ...options, schemaPath }) };
  });
  // Users and global parameters are broker-wide: a file of their own, `vhost` "" (the vhosts'
  // files hold their permissions).
  if (topology.users || topology.globalParameters) {
    const { users, globalParameters } = topology;
    const broker = { vhosts: [], ...(users && { users }), ...(globalParameters && { globalParameters }), tests: [] };
    files.push({ file: join(dir, USERS_FILE), vhost: '', text: topologyToYaml(broker, { ...options, schemaPath }) });
  }
  return files;
}

/** The file of `topo export -o DIR/` that holds the users; `_` keeps it apart from vhosts' files. */
export const USERS_FILE = '_users.yaml';
