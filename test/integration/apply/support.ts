/**
 * Helpers for the apply and plan integration tests: running the CLI in-process, writing spec
 * files into a temp dir, and comparing broker state with independent reads.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import amqp from 'amqplib';
import { afterAll } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { AMQP_URL, definitionsOf, enc, MGMT_URL, mgmt, PASSWORD, scratchVhost, USER, withoutClassicType } from '../../support/broker.js';

/** Flags that point the CLI at the test broker. */
export const BROKER_FLAGS = ['--url', MGMT_URL, '--user', USER, '--password', PASSWORD, '--amqp-url', AMQP_URL];

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /**
   * stderr without the lock-wait notice: applies in other test files (and a benchmark) share
   * the broker-wide lock, so any apply may legitimately wait for one.
   */
  errors: string;
}

const LOCK_WAIT_LINE = /^Waiting for another topo apply to finish.*\n/gm;

/** Runs `topo <args>` in-process, against the test broker, without a terminal. */
export async function topo(args: string[], options: { broker?: boolean } = {}): Promise<RunResult> {
  const io = bufferIO({});
  const argv = ['node', 'topo', ...args, ...(options.broker === false ? [] : BROKER_FLAGS)];
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr, errors: io.stderr.replace(LOCK_WAIT_LINE, '') };
}

/** A temp dir for spec and plan files, removed by `dispose`. */
export async function tempDir(): Promise<{ path: string; file: (name: string, text: string) => Promise<string>; dispose: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'topo-apply-'));
  return {
    path,
    async file(name, text) {
      const file = join(path, name);
      await writeFile(file, text);
      return file;
    },
    dispose: () => rm(path, { recursive: true, force: true }),
  };
}

/** A YAML double-quoted string: vhost names of tests contain `/`. */
export const q = (s: string): string => JSON.stringify(s);

/**
 * The spec file of the one vhost `vhost`. `body` is the vhost's YAML, indented by 4 (a
 * top-level `tests:` may follow it): its first line is line 4 of the file, where a test's
 * expected `file:line:col` locations count from.
 */
export const vhostSpec = (vhost: string, body: string): string => `version: 1\nvhosts:\n  ${q(vhost)}:\n${body}`;

type Json = Record<string, unknown>;

/**
 * Everything topo manages in one vhost, read independently of topo and with the vhost name
 * left out, so two vhosts can be compared: definitions (exchanges, queues, bindings,
 * policies) plus operator policies, each list sorted; `x-queue-type: classic` left out
 * (see `withoutClassicType`).
 */
export async function stateOf(vhost: string): Promise<Json> {
  const defs = await definitionsOf(vhost);
  const operatorPolicies = await mgmt<Json[]>('GET', `/operator-policies/${enc(vhost)}`);
  const strip = (list: readonly object[]) =>
    list
      .map((o) => {
        const copy: Json = { ...o };
        delete copy.vhost;
        return JSON.stringify(sortKeys(copy));
      })
      .sort();
  return {
    exchanges: strip(defs.exchanges),
    queues: strip(defs.queues.map((queue) => ({ ...queue, arguments: withoutClassicType(queue.arguments) }))),
    bindings: strip(defs.bindings),
    policies: strip(defs.policies),
    operatorPolicies: strip(operatorPolicies),
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Json)[k])]),
    );
  }
  return value;
}

/** Imports definitions (exchanges, queues, bindings, policies) into one vhost. */
export async function importDefinitions(vhost: string, defs: Json): Promise<void> {
  await mgmt('POST', `/definitions/${enc(vhost)}`, defs);
}

/** Publishes `count` persistent messages to `queue` over AMQP, with publisher confirms. */
export async function publish(vhost: string, queue: string, count = 1): Promise<void> {
  const connection = await amqp.connect(`${AMQP_URL}/${enc(vhost)}`);
  try {
    const channel = await connection.createConfirmChannel();
    for (let i = 0; i < count; i++) channel.sendToQueue(queue, Buffer.from(`m${i}`), { persistent: true });
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}

/** The number of messages in a queue as AMQP reports it now (no statistics lag). */
export async function messageCount(vhost: string, queue: string): Promise<number> {
  const connection = await amqp.connect(`${AMQP_URL}/${enc(vhost)}`);
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    return (await channel.checkQueue(queue)).messageCount;
  } finally {
    await connection.close();
  }
}

/**
 * The bodies of the messages a stream holds, read over AMQP from its first offset: a stream
 * consumer gets what is retained within milliseconds, but AMQP says nothing when the end is
 * reached, so this waits for `expected` messages, or `waitMs` for more when none are expected.
 */
export async function streamMessages(vhost: string, stream: string, expected: number, waitMs = 1_000): Promise<string[]> {
  const connection = await amqp.connect(`${AMQP_URL}/${enc(vhost)}`);
  try {
    const channel = await connection.createChannel();
    await channel.prefetch(100);
    const bodies: string[] = [];
    let done: () => void = () => undefined;
    const enough = new Promise<void>((resolve) => (done = resolve));
    await channel.consume(
      stream,
      (message) => {
        if (!message) return;
        bodies.push(message.content.toString());
        channel.ack(message);
        if (expected > 0 && bodies.length >= expected) done();
      },
      { arguments: { 'x-stream-offset': 'first' } },
    );
    await Promise.race([enough, new Promise((resolve) => setTimeout(resolve, expected > 0 ? 10_000 : waitMs))]);
    return bodies;
  } finally {
    await connection.close();
  }
}

/**
 * What a test file creates, removed after its last test (newest first): `scratch` makes a
 * vhost, `files` a temp dir, `specFile` a spec file in one, `later` registers any other cleanup. Call once, at the top level.
 */
export function testScope(): {
  scratch: (label: string) => Promise<string>;
  files: () => ReturnType<typeof tempDir>;
  specFile: (text: string, name?: string) => Promise<string>;
  later: (dispose: () => Promise<void>) => void;
} {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const dispose of cleanups.reverse()) await dispose();
  });
  return {
    async scratch(label) {
      const v = await scratchVhost(label);
      cleanups.push(v.dispose);
      return v.name;
    },
    async files() {
      const dir = await tempDir();
      cleanups.push(dir.dispose);
      return dir;
    },
    async specFile(text, name = 'spec.yaml') {
      return (await this.files()).file(name, text);
    },
    later: (dispose) => void cleanups.push(dispose),
  };
}
