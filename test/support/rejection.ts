import { expect } from 'vitest';

/** What `promise` rejects with, checked to be a `type`; the test fails when it resolves instead. */
export async function rejectionOf<E extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error(`expected a rejection with a ${type.name}; it resolved`);
}
