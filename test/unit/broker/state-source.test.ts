import { describe, expect, it } from 'vitest';
import { MNESIA_EXPORT_LIMIT, stateSourceFor } from '../../../src/broker/state-source.js';

describe('stateSourceFor', () => {
  it('reads the definitions export from RabbitMQ 4.x (Khepri) and later, whatever the size', () => {
    for (const version of ['4.0.0', '4.3.6', '4.1.0-beta.2', '5.0.1']) {
      for (const expected of [undefined, 10, 1_000_000]) expect(stateSourceFor(version, expected)).toBe('definitions');
    }
  });

  it('reads the listings from 3.x (Mnesia) when the vhost is large or its size unknown', () => {
    for (const version of ['3.10.8', '3.13.7+1.g4e7d6c2']) {
      for (const expected of [undefined, MNESIA_EXPORT_LIMIT + 1, 50_000]) expect(stateSourceFor(version, expected)).toBe('listings');
    }
  });

  it('reads the definitions export from 3.x for a vhost of up to MNESIA_EXPORT_LIMIT queues and bindings', () => {
    for (const expected of [0, 1, MNESIA_EXPORT_LIMIT]) expect(stateSourceFor('3.10.8', expected)).toBe('definitions');
  });

  it('reads the listings from a broker whose version is unknown', () => {
    for (const version of ['', 'unknown', undefined]) expect(stateSourceFor(version, 10)).toBe('listings');
  });
});
