/**
 * A test for object names against a vhost's `ignore` regexes (source text). A pattern that
 * does not compile matches nothing: validation reports it, and a pure stage never throws.
 */
export function ignoreMatcher(patterns: readonly string[]): (name: string) => boolean {
  const regexes = patterns.flatMap((p) => {
    try {
      return [new RegExp(p)];
    } catch {
      return [];
    }
  });
  if (regexes.length === 0) return () => false;
  return (name) => regexes.some((r) => r.test(name));
}
