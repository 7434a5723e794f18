/**
 * A tutorial's spec file built in a scratch vhost: the spec is loaded from
 * examples/tutorials/ and retargeted from its own vhost to the scratch one, whose shared
 * objects are then created through the management API (as `topo apply` would). The
 * programs' functions run there, never in the tutorial's own vhost.
 */
import { loadTutorialSpec, type TutorialSpec } from '../../../../examples/tutorials/run-tutorial.js';
import { scratchVhost } from '../../../support/broker.js';
import { provision } from '../../runtime/support/provision.js';
import { retarget } from '../../runtime/support/retarget.js';

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
