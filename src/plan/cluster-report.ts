/**
 * What a plan says about the cluster it was made against: plain data, printed in
 * `plan --json` as `cluster`, and the header of the text and Markdown views. Facts read when
 * the plan was made, never a step: apply changes no node, member or leader.
 */
export interface ClusterReport {
  /** `cluster_name`; absent when the broker did not say. */
  name?: string;
  /** The RabbitMQ version of the node that answered. */
  version?: string;
  /** Every member node; absent when the user may not list them (needs the monitoring tag). */
  nodes?: ClusterNodeReport[];
  /** Queues of the plan's vhosts that cannot be used now because of a node that is down. */
  unavailable: UnavailableQueue[];
  /** Quorum queues and streams with members missing or offline, in the plan's vhosts. */
  replicas: ReplicaProblem[];
  /** How the leaders of the quorum queues and streams of the plan's vhosts are placed. */
  leaderLocators: LeaderLocatorCount[];
}

/** One node and what it carries of the plan's vhosts. */
export interface ClusterNodeReport {
  name: string;
  running: boolean;
  /** Nodes it cannot reach although they are members (a network partition). */
  partitions: string[];
  /** Resource alarms raised on it: publishers are blocked cluster-wide while one is. */
  alarms: ('memory' | 'disk')[];
  /** Quorum queues and streams whose leader it is. */
  leaders: number;
  /** Classic queues whose home it is. */
  classicQueues: number;
}

/**
 * A queue no call can change now: a classic queue whose home node is down (RabbitMQ answers
 * every call on it "home node ... is down", and hides its bindings), or a quorum queue or
 * stream with fewer than a majority of its members online.
 */
export interface UnavailableQueue {
  vhost: string;
  name: string;
  type: string;
  why: 'home-node-down' | 'no-quorum';
  /** The node(s) that are down. */
  nodes: string[];
  /**
   * Set by the planner: bindings to this queue the spec declares and the broker does not
   * list. They may well exist (the broker hides them while the node is down), so the plan
   * does not propose them.
   */
  bindingsNotChecked?: number;
}

/** A quorum queue or stream with fewer members than it should have, or members offline. */
export interface ReplicaProblem {
  vhost: string;
  name: string;
  type: 'quorum' | 'stream';
  members: string[];
  /** Members on nodes that are down, or whose replica does not run. */
  offline: string[];
  /**
   * The members it should have: `x-quorum-initial-group-size` (quorum; RabbitMQ's default 3)
   * or `x-initial-cluster-size` (streams; default every node), at most the cluster's size.
   */
  target: number;
  /** `target` minus the members it has, when positive: under-replication. */
  missing: number;
  /** Running nodes that hold no member: where the missing ones can go. */
  candidates: string[];
}

/** How many quorum queues and streams place their leader one way, and what says so. */
export interface LeaderLocatorCount {
  /** `client-local`, `balanced`, ... */
  locator: string;
  /** A `queue-leader-locator` policy wins over the `x-queue-leader-locator` argument. */
  source: 'policy' | 'argument' | 'default';
  /** The policy's name, for `source: 'policy'`. */
  policy?: string;
  queues: number;
}
