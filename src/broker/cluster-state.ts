/**
 * The cluster as topo reads it for a plan (`readClusterState`), as plain data: the types live
 * apart from the reader so that the pure planner can use them without reaching any I/O.
 */

/** One node of the cluster, as `GET /api/nodes` reports it. */
export interface NodeState {
  name: string;
  running: boolean;
  /** Nodes this node cannot see although they are members: a network partition. */
  partitions: string[];
  /** Absent while the node has not reported its statistics yet (just started, or down). */
  memAlarm?: boolean;
  diskAlarm?: boolean;
}

/**
 * Where one queue lives, as the queue listing reports it (no statistics). For a classic queue
 * `node` is its home and `state` is `down` while that node is down (RabbitMQ 3.10 keeps a
 * durable queue in its listings and definitions then, but hides its bindings); a quorum
 * queue has `leader`, `members` and `online` (members whose replica runs); a stream has
 * `node` (its leader) and `members` (read from its statistics, up to one interval old).
 */
export interface QueuePlacement {
  vhost: string;
  name: string;
  type: string;
  state?: string;
  node?: string;
  leader?: string;
  members?: string[];
  online?: string[];
}

/** The cluster as topo reads it for a plan. */
export interface ClusterState {
  /** `cluster_name`: the identity topo checks AMQP servers against. */
  name?: string;
  /** The RabbitMQ version of the node that answered. */
  version?: string;
  /** Every member node, running or not; undefined when the user may not list nodes (monitoring tag). */
  nodes?: NodeState[];
  /** Placement of the queues of the vhosts read: empty for a single node, where nothing is elsewhere. */
  queues: QueuePlacement[];
}
