/**
 * What topo reads of the broker itself, besides its topology: which RabbitMQ it is, and what it
 * says of its deprecated features. Plain data; a plan carries it (see src/plan/plan.ts).
 */
export interface BrokerFacts {
  /** As `GET /api/overview` reports it (`rabbitmq_version`), such as `4.3.6`. */
  version: string;
  /**
   * Every deprecated feature the broker knows, and whether it permits it (its configuration
   * may differ from the version's default). Absent before RabbitMQ 3.13, which has no such API.
   */
  deprecatedFeatures?: DeprecatedFeatureState[];
  /** The deprecated features the broker reports in use, by anyone, anywhere. Absent before 3.13. */
  deprecatedFeaturesUsed?: DeprecatedFeatureUse[];
  /**
   * The plugins enabled on every running node (`GET /api/nodes`), sorted, such as
   * `rabbitmq_shovel`. Absent when the user may not list nodes.
   */
  enabledPlugins?: string[];
}

/** A deprecated feature as the broker names it. */
export interface DeprecatedFeatureUse {
  /** Such as `transient_nonexcl_queues`. */
  name: string;
  /** Its deprecation phase: `permitted_by_default`, `denied_by_default`, `disconnected`, `removed`. */
  phase: string;
  /** Where RabbitMQ explains it, when it says. */
  docUrl?: string;
}

export interface DeprecatedFeatureState extends DeprecatedFeatureUse {
  /** The broker allows it now. */
  permitted: boolean;
}
