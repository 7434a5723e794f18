/** Where settings come from: the settings file, its environment, files of secrets and values. */
export interface SettingsFlags {
  /** `--config FILE` (env TOPO_CONFIG): the settings file; default ./.topo.yaml, then ~/.config/topo/config.yaml. */
  config?: string;
  /** `--env NAME` (env TOPO_ENV): an environment of the settings file. */
  env?: string;
  /** `--password-file FILE` (env TOPO_PASSWORD_FILE). */
  passwordFile?: string;
  /** `--var-file FILE`, repeatable: a YAML mapping of `${var:…}` values. */
  varFile?: string[];
}

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
  migrate?: boolean;
  graph?: boolean;
  /** With `--format markdown`: where the full plan can be read when it is too long for a comment. */
  fullPlan?: string;
  /** `--vhost NAME`, repeatable: plan only these vhosts of the spec. */
  vhost?: string[];
  color?: boolean;
}

export interface ApplyOptions extends SpecOptions, ConnectionFlags {
  plan?: string;
  /** `--vhost NAME`, repeatable: apply only these vhosts of the spec. */
  vhost?: string[];
  yes?: boolean;
  allowReplace?: boolean;
  allowDataLoss?: boolean;
  prune?: boolean;
  migrate?: boolean;
  json?: boolean;
  concurrency?: number;
  /** `--declare-over`: where exchange, queue and binding declares go; AMQP unless `http`. */
  declareOver?: 'amqp' | 'http';
  /** Seconds to wait for another apply's lock. */
  lockTimeout?: number;
  color?: boolean;
}

export interface ExportOptions extends ConnectionFlags {
  vhost: string[];
  output?: string;
  fromDefinitions?: string;
  /** `--include-password-hashes`: users keep their password hash instead of a `${env:…}` placeholder. */
  includePasswordHashes?: boolean;
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

export interface ShowOptions {
  json?: boolean;
  format?: 'text' | 'json' | 'markdown';
  fullPlan?: string;
  color?: boolean;
  debug?: boolean;
}

export interface FmtOptions {
  /** Write nothing; exit 1 when a file is not formatted. */
  check?: boolean;
  debug?: boolean;
}
