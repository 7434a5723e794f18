import { compareStrings } from './compare-strings.js';

// Rows of the edit-distance table, reused: suggestions are computed for every undeclared name
// against every declared one, so allocating rows per pair would dominate.
let rows = [new Int32Array(0), new Int32Array(0), new Int32Array(0)];

/**
 * Edit distance with adjacent transpositions (optimal string alignment), or `limit + 1` as
 * soon as it is sure to exceed `limit`. Only the band of cells within `limit` of the diagonal
 * is computed (a path through any other cell costs more than `limit`), so comparing against
 * many candidates with a small limit stays cheap.
 */
export function editDistance(whole: string, other: string, limit = Infinity): number {
  if (Math.abs(whole.length - other.length) > limit) return limit + 1;
  // A common prefix and suffix cost nothing: names that differ in a few characters compare
  // only those (`bench.q.00017` and `bench.qq.00017` compare "" and "q").
  let start = 0;
  while (start < whole.length && start < other.length && whole.charCodeAt(start) === other.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < whole.length - start &&
    end < other.length - start &&
    whole.charCodeAt(whole.length - 1 - end) === other.charCodeAt(other.length - 1 - end)
  ) {
    end++;
  }
  const n = whole.length - start - end;
  const m = other.length - start - end;
  // No distance exceeds the longer length: a finite cap keeps the table in integers.
  const cap = Math.min(limit, Math.max(n, m));
  if (cap <= 1) return withinOneEdit(whole, other, start, n, m) && (n + m === 0 || cap === 1) ? Math.min(n + m, 1) : limit + 1;
  const a = whole.slice(start, start + n);
  const b = other.slice(start, start + m);
  const beyond = cap + 1;
  if ((rows[0] as Int32Array).length <= m) rows = [new Int32Array(m + 1), new Int32Array(m + 1), new Int32Array(m + 1)];
  let [previous2, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= m; j++) previous[j] = j <= cap ? j : beyond;
  for (let i = 1; i <= n; i++) {
    const low = Math.max(1, i - cap);
    const high = Math.min(m, i + cap);
    current[0] = i <= cap ? i : beyond;
    current[low - 1] = low === 1 ? current[0] : beyond;
    let rowMin = low === 1 ? current[0] : beyond;
    const ai = a.charCodeAt(i - 1);
    for (let j = low; j <= high; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, (previous2[j - 2] as number) + 1);
      if (d > beyond) d = beyond;
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (high < m) current[high + 1] = beyond;
    if (rowMin > cap) return limit + 1;
    [previous2, previous, current] = [previous, current, previous2];
  }
  const distance = previous[m] as number;
  return distance > cap ? limit + 1 : distance;
}

/**
 * Whether the parts of `a` and `b` that remain without their common prefix (of length `start`)
 * and suffix, of lengths `n` and `m`, are at most one edit apart: nothing, one substituted,
 * inserted or deleted character, or two swapped ones.
 */
function withinOneEdit(a: string, b: string, start: number, n: number, m: number): boolean {
  if (n + m <= 1 || (n === 1 && m === 1)) return true;
  return n === 2 && m === 2 && a.charCodeAt(start) === b.charCodeAt(start + 1) && a.charCodeAt(start + 1) === b.charCodeAt(start);
}

/**
 * The candidate nearest to `name`, when it is near enough to be a likely typo: at most one
 * edit per three characters (at least one, and fewer than the name's length), ignoring case.
 * Ties go to the first by code point.
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  // A hint for a name longer than this is no help, and costs quadratic time per candidate.
  if (name.length > MAX_HINTED_LENGTH) return undefined;
  const limit = Math.max(1, Math.floor(name.length / 3));
  const names = [...candidates];
  // Most typos are one edit, and telling whether two names are one edit apart is cheap: only
  // when no name is that near does every candidate need the full table.
  return nearest(name, names, 1) ?? (limit > 1 ? nearest(name, names, limit) : undefined);
}

const MAX_HINTED_LENGTH = 255;

/** The nearest candidate within `limit` edits (and fewer than the name's length), ties by code point. */
function nearest(name: string, candidates: readonly string[], limit: number): string | undefined {
  const wanted = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    // Only a candidate at least as near as the best so far can win: a tighter limit ends sooner.
    const distance = editDistance(wanted, candidate.toLowerCase(), Math.min(limit, bestDistance));
    // Replacing every character of a short name is no typo ("/" is not a misspelt "a").
    if (distance > limit || distance > bestDistance || distance >= name.length) continue;
    if (best === undefined || distance < bestDistance || compareStrings(candidate, best) < 0) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` when a near candidate exists, else `""`. */
export function didYouMeanHint(name: string, candidates: Iterable<string>): string {
  const near = didYouMean(name, candidates);
  return near === undefined ? '' : ` (did you mean "${near}"?)`;
}
