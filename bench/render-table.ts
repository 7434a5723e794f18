/** Plain-text table: columns padded to their widest cell, numbers right-aligned. */
export function renderTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => (row[col] ?? '').length)));
  const numeric = header.map((_, col) => rows.every((row) => /^[-+]?[\d.,]+( ?[a-zA-Z%×/]+)?$|^$|^n\/a$/.test(row[col] ?? '')));
  const line = (row: string[]) =>
    row
      .map((cell, col) => (numeric[col] && col > 0 ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Milliseconds as "1,234 ms", or "n/a". */
export function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')} ms` : 'n/a';
}

/** A size in MB with no decimals, or "n/a". */
export function mb(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} MB` : 'n/a';
}

/** A ratio as "1.23×", or "n/a". */
export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}
