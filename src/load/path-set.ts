import type { Path } from './path.js';

// NUL never occurs in a key a user can type in YAML, so joined paths cannot collide.
const SEP = '\u0000';

/**
 * A set of document paths that answers "is there a member at or below this path?" in
 * constant time, by storing every prefix of every member.
 */
export class PathSet {
  private readonly exact = new Set<string>();
  private readonly prefixes = new Set<string>();

  add(path: Path): void {
    this.exact.add(path.join(SEP));
    for (let i = 0; i <= path.length; i++) this.prefixes.add(path.slice(0, i).join(SEP));
  }

  /** A member is `path` itself. */
  has(path: Path): boolean {
    return this.exact.size > 0 && this.exact.has(path.join(SEP));
  }

  /** A member is `path` or lies below it. */
  hasAtOrBelow(path: Path): boolean {
    // Most specs are valid: every object asks, and joining its path would be the whole cost.
    return this.prefixes.size > 0 && this.prefixes.has(path.join(SEP));
  }
}
