import { describe, expect, it } from 'vitest';
import { isTransientError } from '../../../src/apply/transient-error.js';
import { BrokerHttpError } from '../../../src/broker/broker-http-error.js';
import { TopoError } from '../../../src/errors.js';

const http = (code: ConstructorParameters<typeof BrokerHttpError>[0], status?: number) =>
  new BrokerHttpError(code, 'x', 'POST', '/api/bindings/v/e/a/q/b', status);

describe('isTransientError', () => {
  it.each([
    ['no answer: unreachable', http('broker-unreachable'), true],
    ['no answer: timeout', http('broker-timeout'), true],
    ['502 from a proxy', http('broker-http', 502), true],
    ['503', http('broker-http', 503), true],
    ['504', http('broker-http', 504), true],
    ['a refusal: 400', http('broker-http', 400), false],
    ['not found', http('broker-not-found', 404), false],
    ['forbidden', http('broker-forbidden', 403), false],
    ['a 500 (a broker bug, not a blip)', http('broker-http', 500), false],
    ['a TopoError that is no HTTP failure', new TopoError('broker-unreachable', 'x'), false],
    ['anything else', new Error('x'), false],
  ])('%s → %s', (_label, error, transient) => {
    expect(isTransientError(error)).toBe(transient);
  });
});
