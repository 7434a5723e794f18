/** Where a node was written in a spec file; 1-based line and column. Display only. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}
