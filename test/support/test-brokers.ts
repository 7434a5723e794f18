/**
 * The brokers the integration tests run on, one vitest project each. By default the local
 * RabbitMQ 3.10 (5672/15672, made ready by scripts/broker-ready.sh) and the 4.x node of
 * scripts/broker4-ready.sh (5673/15673). `TOPO_TEST_BROKERS` narrows the list
 * (`TOPO_TEST_BROKERS=rabbitmq-4`), and `TOPO_TEST_URL` (with `TOPO_TEST_AMQP_URL`,
 * `TOPO_USER`, `TOPO_PASSWORD`) runs them against any other broker instead.
 */
export interface TestBroker {
  /** The vitest project name, e.g. `rabbitmq-3` (select with `--project`). */
  name: string;
  /** Management API base URL. */
  url: string;
  /** AMQP URL with credentials. */
  amqpUrl: string;
}

export function testBrokers(env: Record<string, string | undefined> = process.env): TestBroker[] {
  if (env.TOPO_TEST_URL) {
    const url = env.TOPO_TEST_URL;
    const host = new URL(url).hostname;
    const user = encodeURIComponent(env.TOPO_USER ?? 'guest');
    const password = encodeURIComponent(env.TOPO_PASSWORD ?? 'guest');
    return [{ name: 'rabbitmq-custom', url, amqpUrl: env.TOPO_TEST_AMQP_URL ?? `amqp://${user}:${password}@${host}:5672` }];
  }
  const all: TestBroker[] = [
    { name: 'rabbitmq-3', url: 'http://127.0.0.1:15672', amqpUrl: 'amqp://guest:guest@127.0.0.1:5672' },
    { name: 'rabbitmq-4', url: 'http://127.0.0.1:15673', amqpUrl: 'amqp://guest:guest@127.0.0.1:5673' },
  ];
  const wanted = env.TOPO_TEST_BROKERS?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!wanted || wanted.length === 0) return all;
  const unknown = wanted.filter((w) => !all.some((b) => b.name === w));
  if (unknown.length > 0) throw new Error(`TOPO_TEST_BROKERS: unknown broker ${unknown.join(', ')} (known: ${all.map((b) => b.name).join(', ')})`);
  return all.filter((b) => wanted.includes(b.name));
}
