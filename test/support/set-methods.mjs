// The Set methods of Node 22 (union, intersection, ...), for tools built for it that the tests
// run on Node 20 (gitlab-ci-local). Loaded with `node --import`; a no-op where they exist.
const methods = {
  union(other) {
    return new Set([...this, ...other.keys()]);
  },
  intersection(other) {
    return new Set([...this].filter((x) => other.has(x)));
  },
  difference(other) {
    return new Set([...this].filter((x) => !other.has(x)));
  },
  symmetricDifference(other) {
    const result = new Set(this);
    for (const x of other.keys()) {
      if (result.has(x)) result.delete(x);
      else result.add(x);
    }
    return result;
  },
  isSubsetOf(other) {
    return [...this].every((x) => other.has(x));
  },
  isSupersetOf(other) {
    return [...other.keys()].every((x) => this.has(x));
  },
  isDisjointFrom(other) {
    return [...this].every((x) => !other.has(x));
  },
};
for (const [name, value] of Object.entries(methods)) {
  if (!(name in Set.prototype)) Object.defineProperty(Set.prototype, name, { value, writable: true, configurable: true });
}
