import { describe, expect, it } from 'vitest';
import { amqpHeaders } from '../../../src/live-test/amqp-headers.js';

describe('amqpHeaders', () => {
  it('passes plain values on as they are, so amqplib keeps their types', () => {
    const headers = { s: '5', i: 5, f: 2.5, b: true, n: null, list: ['a', 1], map: { k: 'v' } };
    expect(amqpHeaders(headers)).toEqual(headers);
  });

  it('wraps a map with a "!" key, which amqplib would take for a type annotation', () => {
    expect(amqpHeaders({ m: { '!': 'int', value: 1 }, deep: [{ inner: { '!': 'x' } }] })).toEqual({
      m: { '!': 'object', value: { '!': 'int', value: 1 } },
      deep: [{ inner: { '!': 'object', value: { '!': 'x' } } }],
    });
  });
});
