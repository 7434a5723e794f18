import type { BrokerSession } from './open-broker.js';
import { openBroker } from './open-broker.js';
import { readOverview } from '../broker/overview.js';
import type { SpecOutline } from '../load/spec-outline.js';
import { startBrokerReading, type BrokerReading } from '../plan/plan-against-broker.js';
import type { PlanOptions } from './options.js';

/**
 * `topo plan` reads the broker while it checks the spec: checking 100,000 objects takes about
 * a second, and the broker takes as long or longer to list them, so doing both at once saves
 * the shorter of the two. The overview (the broker's version, which decides what to read) is
 * asked for before the spec files are read; the vhosts' state once the files are parsed
 * (their outline names the vhosts). What goes wrong on the broker's side is reported only
 * after the spec is known valid, as when the two ran one after the other: a spec error wins,
 * and so does a spec error over bad connection flags.
 */
export interface ReadWhileChecking {
  /** For the spec loader: starts the reading of the outline's vhosts. */
  beforeChecks: (outline: SpecOutline) => Promise<void>;
  /** The broker session; throws what opening it threw. */
  session(): BrokerSession;
  /** The reading started early, if any. */
  reading(): BrokerReading | undefined;
  close(): void;
}

export function readWhileChecking(options: PlanOptions, env: Record<string, string | undefined>): ReadWhileChecking {
  let opened: { session: BrokerSession } | { error: unknown };
  try {
    opened = { session: openBroker(options, env) };
  } catch (error) {
    opened = { error };
  }
  // `--vhost` narrows the spec after it is checked: the plan reads for itself then.
  const narrowed = (options.vhost?.length ?? 0) > 0;
  const session = 'session' in opened ? opened.session : undefined;
  const overview = session && !narrowed ? readOverview(session.client) : undefined;
  overview?.catch(() => undefined);
  let reading: BrokerReading | undefined;
  return {
    beforeChecks: async (outline) => {
      if (!session || !overview) return;
      reading = startBrokerReading(session.client, outline.vhosts, outline.scope, outline.objects, overview);
      await requestsSent(overview);
    },
    session: () => {
      if ('error' in opened) throw opened.error;
      return opened.session;
    },
    reading: () => reading,
    close: () => session?.client.close(),
  };
}

/**
 * Lets the event loop send the reading's requests before the spec checks take the thread: the
 * overview first (the state reader waits for the version), then a few turns for the vhost
 * listing's answer and the vhosts' requests to go out. Only speed depends on this: requests
 * not yet sent go out when the checks are done. A broker that is slow to answer the overview
 * is not waited for longer than OVERVIEW_WAIT_MS: the spec's errors must not wait on it.
 */
async function requestsSent(overview: Promise<unknown>): Promise<void> {
  await Promise.race([overview.catch(() => undefined), delay(OVERVIEW_WAIT_MS)]);
  for (let turn = 0; turn < IO_TURNS; turn++) await delay(1);
}

const OVERVIEW_WAIT_MS = 200;
const IO_TURNS = 4;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
