/** The median of samples (mean of the middle two for an even count); NaN for none. */
export function median(samples: number[]): number {
  const sorted = samples.filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The largest finite sample; NaN for none. */
export function maximum(samples: number[]): number {
  const finite = samples.filter((n) => Number.isFinite(n));
  return finite.length === 0 ? Number.NaN : Math.max(...finite);
}
