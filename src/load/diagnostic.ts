import type { NormalizedTopology } from '../model/normalized-topology.js';
import type { SourceLocation } from '../model/topology.js';
import { printableLine } from '../text/printable-line.js';

/**
 * One problem found in spec files, located at the YAML node it is about. `line` and `col`
 * are 1-based; both are 0 when the problem concerns a whole file (it cannot be read, or a
 * directory holds no spec files).
 */
export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  col: number;
  /** One line (control characters escaped), no trailing period, never a stack trace. */
  message: string;
}

/**
 * The outcome of loading and validating spec files: a Topology when there is no error.
 * Warnings never make a spec invalid. Both lists are sorted by location.
 */
export type SpecResult =
  | { ok: true; topology: NormalizedTopology; warnings: Diagnostic[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

/** `file:line:col: message` on one line, with `warning: ` after the location for warnings. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${formatLocation(d)}: ${d.severity === 'warning' ? 'warning: ' : ''}${printableLine(d.message)}`;
}

/** `file:line:col` of a location, on one line, as also used inside messages ("first at ..."). */
export function formatLocation(loc: SourceLocation): string {
  const file = printableLine(loc.file);
  return loc.line > 0 ? `${file}:${loc.line}:${loc.col}` : file;
}

/** Orders diagnostics by file, line and column; equal locations keep their order. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.col - b.col;
}

/** Collects diagnostics while the stages run. */
export class DiagnosticList {
  readonly items: Diagnostic[] = [];

  error(loc: SourceLocation, message: string): void {
    this.items.push({ severity: 'error', file: loc.file, line: loc.line, col: loc.col, message: printableLine(message) });
  }

  warning(loc: SourceLocation, message: string): void {
    this.items.push({ severity: 'warning', file: loc.file, line: loc.line, col: loc.col, message: printableLine(message) });
  }

  get errorCount(): number {
    let n = 0;
    for (const d of this.items) if (d.severity === 'error') n++;
    return n;
  }

  /** Errors and warnings apart, each sorted by location (a stable sort). */
  split(): { errors: Diagnostic[]; warnings: Diagnostic[] } {
    const sorted = [...this.items].sort(compareDiagnostics);
    return {
      errors: sorted.filter((d) => d.severity === 'error'),
      warnings: sorted.filter((d) => d.severity === 'warning'),
    };
  }
}
