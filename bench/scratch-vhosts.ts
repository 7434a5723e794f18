/**
 * The vhosts a benchmark run creates: every one is unique (`topo-bench-<run>-<label>-<n>`), is
 * remembered from the moment it is named, and `deleteAll` removes whatever is left, so a
 * failed or interrupted run leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { api, type BrokerHttp } from './broker-http.js';

const DELETE_ATTEMPTS = 5;
const DELETE_BACKOFF_MS = 2000;

export class ScratchVhosts {
  readonly #http: BrokerHttp;
  readonly #user: string;
  readonly #run = `${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
  readonly #live = new Set<string>();
  #counter = 0;
  #deleteMs = 0;

  constructor(http: BrokerHttp, user: string) {
    this.#http = http;
    this.#user = user;
  }

  /** A fresh unique name, registered for cleanup; nothing is created yet. */
  name(label: string): string {
    const name = `topo-bench-${this.#run}-${label}-${++this.#counter}`;
    this.#live.add(name);
    return name;
  }

  /** Creates an empty vhost with full permissions for the benchmark's user. */
  async create(label: string): Promise<string> {
    const name = this.name(label);
    await this.#http.expect('PUT', api('vhosts', name), {});
    await this.#http.expect('PUT', api('permissions', name, this.#user), { configure: '.*', write: '.*', read: '.*' });
    return name;
  }

  /**
   * Deletes one vhost with everything in it; a vhost already gone is fine. Tries a few times:
   * the broker is shared, and a moment of unavailability must not leave the vhost behind.
   */
  async delete(name: string): Promise<void> {
    const started = performance.now();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#http.expect('DELETE', api('vhosts', name), undefined, [200, 204, 404]);
        this.#live.delete(name);
        this.#deleteMs += performance.now() - started;
        return;
      } catch (error) {
        if (attempt >= DELETE_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, DELETE_BACKOFF_MS * attempt));
      }
    }
  }

  /** Time spent deleting vhosts so far, in ms: part of a run's duration, never of a figure. */
  get deleteMs(): number {
    return this.#deleteMs;
  }

  /** Deletes every vhost still registered; reports failures without stopping at the first. */
  async deleteAll(): Promise<string[]> {
    const failed: string[] = [];
    for (const name of [...this.#live]) {
      try {
        await this.delete(name);
      } catch (error) {
        failed.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return failed;
  }
}
