import type { SourceLocation } from '../model/topology.js';

/**
 * A location whose line and column are found when first read, by `find`. Every object of a
 * spec carries its location, but only a diagnostic or a failed routing test reads one, and
 * finding lines and columns may mean reading the file again (see ./parsed-document.ts).
 * `line` and `col` are own enumerable getters, so the object still prints, compares and
 * serializes as a plain `{ file, line, col }`. The getters are shared by every location and
 * the finder sits in a hidden slot: a spec of 100,000 objects makes 100,000 locations, and a
 * closure per getter made them twice as costly to build.
 */
export function lazyLocation(file: string, find: () => LineAndColumn): SourceLocation {
  const location = { file } as SourceLocation;
  // One defineProperty per property: faster in V8 than one defineProperties of all three.
  Object.defineProperty(location, POSITION, { value: find, writable: true });
  Object.defineProperty(location, 'line', LINE);
  return Object.defineProperty(location, 'col', COL);
}

interface LineAndColumn {
  line: number;
  col: number;
}

const POSITION = Symbol('position');

type Unlocated = SourceLocation & { [POSITION]: (() => LineAndColumn) | LineAndColumn };

function position(location: Unlocated): LineAndColumn {
  const slot = location[POSITION];
  if (typeof slot !== 'function') return slot;
  const found = slot();
  location[POSITION] = found;
  return found;
}

const LINE: PropertyDescriptor = {
  enumerable: true,
  get(this: Unlocated) {
    return position(this).line;
  },
};

const COL: PropertyDescriptor = {
  enumerable: true,
  get(this: Unlocated) {
    return position(this).col;
  },
};
