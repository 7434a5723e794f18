/**
 * Limits on what one YAML document may become, the same whichever reader reads it. YAML
 * aliases let a small text stand for a huge value (the "billion laughs" alias bomb): every
 * later stage walks the value with each alias expanded, so the expanded size is what counts.
 * A real spec stays far below: the benchmark's 10,000 objects are about 30,000 values. A
 * document without an alias is not limited: it is no larger than its text, and a spec of
 * 300,000 objects in one file is about a million values.
 */
export const MAX_EXPANDED_VALUES = 1_000_000;

/** Nesting deeper than this is refused; a spec needs about ten levels. js-yaml's own default. */
export const MAX_DEPTH = 100;

// Written out: toLocaleString would load ICU's locale data at start-up.
export const EXPANSION_MESSAGE = 'the document expands to more than 1,000,000 values through aliases';
export const DEPTH_MESSAGE = `the document nests deeper than ${MAX_DEPTH} levels`;
