import type { RuleContext } from './rule-context.js';

/** The topology format versions this topo reads. */
const SUPPORTED_VERSIONS: readonly number[] = [1];

/** Every `version:` written must be one this topo reads (absent means 1). */
export function checkVersion(ctx: RuleContext): void {
  for (const version of ctx.spec.versions) {
    if (!SUPPORTED_VERSIONS.includes(version.value)) {
      ctx.error(version.loc, `unsupported version ${version.value}: this topo reads version ${SUPPORTED_VERSIONS.join(', ')}`);
    }
  }
}
