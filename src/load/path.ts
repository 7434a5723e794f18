/** A path into a document's value: mapping keys and list indexes, as in a JSON Pointer. */
export type Path = readonly (string | number)[];
