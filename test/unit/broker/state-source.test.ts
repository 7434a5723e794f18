import { describe, expect, it } from 'vitest';
import { stateSourceFor } from '../../../src/broker/state-source.js';

describe('stateSourceFor', () => {
  it('reads the definitions export from RabbitMQ 4.x (Khepri) and later', () => {
    for (const version of ['4.0.0', '4.3.6', '4.1.0-beta.2', '5.0.1']) expect(stateSourceFor(version)).toBe('definitions');
  });

  it('reads the listings from 3.x (Mnesia) and from a broker whose version is unknown', () => {
    for (const version of ['3.10.8', '3.13.7+1.g4e7d6c2', '', 'unknown', undefined]) expect(stateSourceFor(version)).toBe('listings');
  });
});
