import type { CompatibilityProblem } from '../compat/compatibility-rule.js';
import { problemReport } from '../compat/compatibility-rule.js';
import type { Topology } from '../model/topology.js';
import { passwordVerdict } from './password-verdict.js';

/**
 * A warning for each user of the spec whose password topo cannot check against the broker's
 * hash: the broker hashed it with an algorithm topo does not know (a plugin's). The plan then
 * proposes nothing for that password. Pure; needs no secret (the algorithm decides).
 */
export function passwordWarnings(desired: Topology, actual: Topology): CompatibilityProblem[] {
  const problems: CompatibilityProblem[] = [];
  const report = problemReport(problems);
  const existing = new Map((actual.users ?? []).map((u) => [u.name, u]));
  for (const user of desired.users ?? []) {
    const have = existing.get(user.name);
    if (!have || user.credential.type !== 'password') continue;
    const verdict = passwordVerdict(user.credential, have.credential, undefined);
    if (typeof verdict === 'object') {
      report.warning('user', user, `its password cannot be checked: the broker hashed it with ${verdict.unverifiable}, which topo cannot verify`);
    }
  }
  return problems;
}
