/** A top-level key of a topo spec: `vhosts:` or `tests:`, quoted or not, at column 0. */
const SPEC_KEY = /^(?:vhosts|tests|"vhosts"|"tests"|'vhosts'|'tests')[ \t]*:/m;
/** `version: 1` at the top level (docker-compose writes "3.8", Helm charts 0.1.0). */
const SPEC_VERSION = /^(?:version|"version"|'version')[ \t]*:[ \t]*1[ \t]*(?:#.*)?$/m;
/** The YAML language server's modeline pointing at topo's schema. */
const SCHEMA_MODELINE = /^#[ \t]*yaml-language-server:[ \t]*\$schema=\S*topology\.schema\.json/m;

/**
 * Whether a YAML file found in a directory is a topo spec, so that `topo validate .` in a
 * repository reads its specs and not its docker-compose.yml or CI pipelines: the file has
 * topo's schema modeline, a top-level `vhosts:` or `tests:` key, or `version: 1`. A file
 * named on the command line is always read, spec or not. Pure.
 */
export function isTopoSpec(text: string): boolean {
  return SCHEMA_MODELINE.test(text) || SPEC_KEY.test(text) || SPEC_VERSION.test(text);
}

/** How a spec is recognised, for messages. */
export const SPEC_RECOGNISED_BY = 'a top-level vhosts: or tests:, version: 1, or the topology schema modeline';
