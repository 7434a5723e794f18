/**
 * topo's settings file (`.topo.yaml`, or `--config FILE`): named environments, each a way to
 * reach one broker, like rabbitmqadmin-ng's named nodes. `--env NAME` picks one; flags and
 * `TOPO_*` variables still win over what it says.
 */
export interface Settings {
  /** The file it was read from: relative paths inside are relative to its folder. */
  file: string;
  environments: Record<string, EnvironmentSettings>;
  /** The environment used when no `--env` (or `TOPO_ENV`) is given. */
  default?: string;
}

/** One environment: every field optional, as the flag of the same name. */
export interface EnvironmentSettings {
  /** Management API URLs, one per node of a cluster (`--url`). */
  url?: string[];
  /** AMQP URL(s), comma-separated for several nodes (`--amqp-url`). */
  amqpUrl?: string;
  user?: string;
  /** A file holding the password (`--password-file`); the password itself is never in the settings. */
  passwordFile?: string;
  caCert?: string;
  clientCert?: string;
  clientKey?: string;
  insecure?: boolean;
  /** Milliseconds (`--timeout`). */
  timeout?: number;
  /** Values of `${var:key}`; `--var-file` and `--var` win. */
  vars?: Record<string, string>;
}
