/**
 * topo's library API, for applications that declare their runtime queues from the same spec
 * file the operators apply.
 */
export type * from './spec/topology.js';
export { TopoError, ExitCode } from './errors.js';
