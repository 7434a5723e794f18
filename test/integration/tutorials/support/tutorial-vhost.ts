/**
 * A tutorial's spec file built in a scratch vhost: the spec is loaded from
 * examples/tutorials/ and retargeted from its own vhost to the scratch one, whose shared
 * objects are then created through the management API (as `topo apply` would). The
 * programs' functions run there, never in the tutorial's own vhost.
 */
import type { ChannelModel } from 'amqplib';
import { afterEach, beforeEach } from 'vitest';
import { loadTutorialSpec, type TutorialSpec } from '../../../../examples/tutorials/run-tutorial.js';
import { startListener, type Log } from '../../../../examples/tutorials/start-listener.js';
import { scratchVhost } from '../../../support/broker.js';
import { Connections } from '../../runtime/support/amqp.js';
import { provision } from '../../runtime/support/provision.js';
import { retarget } from '../../runtime/support/retarget.js';
import { Inbox } from './inbox.js';

export interface TutorialVhost {
  spec: TutorialSpec;
  dispose: () => Promise<void>;
}

export async function tutorialVhost(file: string): Promise<TutorialVhost> {
  const tutorial = await loadTutorialSpec(file);
  const scratch = await scratchVhost(file.replace(/\.ya?ml$/, ''));
  try {
    const topology = retarget(tutorial.topology, tutorial.vhost, scratch.name);
    await provision(topology, scratch.name);
    return { spec: { topology, vhost: scratch.name }, dispose: scratch.dispose };
  } catch (err) {
    await scratch.dispose();
    throw err;
  }
}

/** The tutorial of the current test, from `useTutorialVhost`. */
export interface TutorialInTest {
  /** The spec, retargeted to this test's scratch vhost. */
  readonly spec: TutorialSpec;
  /** A new connection to the scratch vhost, closed after the test. */
  connect(): Promise<ChannelModel>;
  /** The spec's runtime queue `listener`, started as the receivers start it, with what it receives. */
  listen(listener: string): Promise<{ queue: string; inbox: Inbox<Log> }>;
}

/**
 * For a describe block: builds the tutorial in a fresh scratch vhost before each test, and
 * closes every connection and removes the vhost after it.
 */
export function useTutorialVhost(file: string): TutorialInTest {
  const conns = new Connections();
  let current: TutorialVhost | undefined;
  beforeEach(async () => {
    current = await tutorialVhost(file);
  });
  afterEach(async () => {
    await conns.closeAll();
    await current?.dispose();
  });
  const tutorial: TutorialInTest = {
    get spec() {
      if (!current) throw new Error('the tutorial vhost exists only during a test');
      return current.spec;
    },
    connect: () => conns.connect(tutorial.spec.vhost),
    async listen(listener) {
      const inbox = new Inbox<Log>();
      const { queue } = await startListener(await tutorial.connect(), tutorial.spec, listener, inbox.push);
      return { queue, inbox };
    },
  };
  return tutorial;
}
