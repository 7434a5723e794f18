/** `1 queue`, `3 queues`, `1 policy`, `2 policies`: a count with its noun, for people. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
