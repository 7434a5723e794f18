import { readFile } from 'node:fs/promises';
import { fileErrorReason, TopoError } from '../errors.js';

/** A file's text, or a one-line `TopoError('file')` saying why it cannot be read. */
export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new TopoError('file', `cannot read ${file}: ${fileErrorReason(error)}`);
  }
}
