/** Options shared by every command that reads spec files. */
export interface SpecOptions {
  /** `--var key=value`, repeatable: values for `${var:key}`. */
  var: string[];
  /** `--broker-version`: the RabbitMQ version to check the spec against offline. */
  brokerVersion?: string;
  debug?: boolean;
}

/**
 * How to reach the broker. Resolved from flags, then `TOPO_*` environment variables, then
 * defaults, by `resolveConnection` (./resolve-connection.ts). The password is never printed.
 */
export interface ConnectionFlags {
  url?: string[];
  user?: string;
  password?: string;
  caCert?: string;
  clientCert?: string;
  clientKey?: string;
  insecure?: boolean;
  amqpUrl?: string;
  /** Per-request timeout in milliseconds. */
  timeout?: number;
}

export interface ValidateOptions extends SpecOptions {
  json?: boolean;
}

export interface PlanOptions extends SpecOptions, ConnectionFlags {
  out?: string;
  json?: boolean;
  format?: 'text' | 'json' | 'markdown';
  detailedExitcode?: boolean;
  prune?: boolean;
  graph?: boolean;
  color?: boolean;
}

export interface ApplyOptions extends SpecOptions, ConnectionFlags {
  plan?: string;
  yes?: boolean;
  allowReplace?: boolean;
  allowDataLoss?: boolean;
  prune?: boolean;
  json?: boolean;
  concurrency?: number;
  /** Seconds to wait for another apply's lock. */
  lockTimeout?: number;
  color?: boolean;
}

export interface ExportOptions extends ConnectionFlags {
  vhost: string[];
  output?: string;
  fromDefinitions?: string;
  debug?: boolean;
}

export interface RouteOptions extends SpecOptions {
  exchange: string;
  routingKey?: string;
  header: string[];
  vhost?: string;
  json?: boolean;
}

export interface TestOptions extends SpecOptions, ConnectionFlags {
  live?: boolean;
  json?: boolean;
  color?: boolean;
}

export interface GraphOptions extends SpecOptions {
  format?: 'mermaid' | 'dot';
  vhost?: string;
}
