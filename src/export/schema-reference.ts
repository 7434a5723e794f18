import { join, relative, sep } from 'node:path';

/** Where topo's JSON Schema lies in its package. */
export const SCHEMA_FILE = join('schemas', 'topology.schema.json');

/** Where the schema reference is computed from. */
export interface SchemaLocations {
  /** The project topo runs in (the current directory). */
  project: string;
  /** topo's own schema file, when found (see `findTopoSchema`). */
  schema: string | undefined;
}

/**
 * The modeline's path to topo's JSON Schema, relative to `fromDir` (the directory of the
 * written file), with `/` separators: topo's own schema when it lies in the project (topo
 * installed as a devDependency, or run from its own repository); otherwise where
 * `npm i -D topo` puts it, so the file does not carry a path of this machine. Pure.
 */
export function schemaReference(fromDir: string, { project, schema }: SchemaLocations): string {
  const insideProject = schema !== undefined && !relative(project, schema).startsWith('..');
  const target = insideProject ? schema : join(project, 'node_modules', 'topo', SCHEMA_FILE);
  return relative(fromDir, target).split(sep).join('/');
}
