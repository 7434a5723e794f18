import { describe, expect, it } from 'vitest';
import {
  BrokerHttpError,
  notJsonError,
  statusError,
  timeoutError,
  unreachableError,
  type HttpCallContext,
} from '../../../src/broker/broker-http-error.js';
import { TopoError } from '../../../src/errors.js';

const call = (method: HttpCallContext['method'], path: string): HttpCallContext => ({
  method,
  path,
  base: 'http://h:15672',
  user: 'bob',
});

describe('statusError', () => {
  it.each([
    [
      'a failed login',
      call('GET', '/api/vhosts'),
      401,
      { error: 'not_authorized', reason: 'Login failed' },
      'broker-auth',
      'authentication failed for user "bob" at http://h:15672 (check --user/--password or TOPO_USER/TOPO_PASSWORD)',
    ],
    [
      'a user without the management tag (3.x says 401)',
      call('GET', '/api/vhosts'),
      401,
      { error: 'not_authorised', reason: 'Not management user' },
      'broker-forbidden',
      'user "bob" is not allowed to use the management API at http://h:15672 (needs the management, policymaker, monitoring or administrator tag)',
    ],
    [
      'a user without permissions on the vhost',
      call('GET', '/api/queues/a%2Fb'),
      401,
      { error: 'not_authorised', reason: 'User not authorised to access virtual host' },
      'broker-forbidden',
      'user "bob" is not allowed to access vhost "a/b" at http://h:15672 (needs permissions on vhost "a/b")',
    ],
    [
      'a user without permissions on the vhost (4.x hides the vhost: 404 not_found)',
      call('GET', '/api/queues/a%2Fb'),
      404,
      { error: 'not_found', reason: 'Not Found' },
      'broker-forbidden',
      'user "bob" is not allowed to access vhost "a/b" at http://h:15672 (needs permissions on vhost "a/b")',
    ],
    [
      'a 403 without reason on a vhost',
      call('PUT', '/api/exchanges/v/x'),
      403,
      undefined,
      'broker-forbidden',
      'user "bob" is not allowed to access vhost "v" at http://h:15672 (needs permissions on vhost "v")',
    ],
    [
      'an admin-only call',
      call('GET', '/api/definitions/%2F'),
      401,
      { error: 'not_authorised', reason: 'Not administrator user' },
      'broker-forbidden',
      'user "bob" is not allowed to GET /api/definitions/%2F at http://h:15672 (needs the administrator tag)',
    ],
    [
      'a 403 outside any vhost',
      call('GET', '/api/nodes'),
      403,
      { error: 'forbidden', reason: 'nope' },
      'broker-forbidden',
      'user "bob" is not allowed to GET /api/nodes at http://h:15672: nope (needs the management or administrator tag)',
    ],
    [
      'a missing vhost',
      call('GET', '/api/queues/gone'),
      404,
      { error: 'Object Not Found', reason: 'Not Found' },
      'broker-not-found',
      'vhost "gone" does not exist at http://h:15672',
    ],
    [
      'a missing vhost in definitions (400 vhost_not_found)',
      call('GET', '/api/definitions/gone'),
      400,
      { error: 'bad_request', reason: 'vhost_not_found' },
      'broker-not-found',
      'vhost "gone" does not exist at http://h:15672',
    ],
    [
      'a missing vhost in a bindings listing',
      call('GET', '/api/bindings/gone'),
      404,
      { error: 'Object Not Found', reason: 'Not Found' },
      'broker-not-found',
      'vhost "gone" does not exist at http://h:15672',
    ],
    [
      'a missing binding',
      call('DELETE', '/api/bindings/v/e/x/q/y/~'),
      404,
      { error: 'Object Not Found', reason: 'Not Found' },
      'broker-not-found',
      'not found: DELETE /api/bindings/v/e/x/q/y/~ at http://h:15672',
    ],
    [
      'a missing queue',
      call('DELETE', '/api/queues/v/a%20q'),
      404,
      { error: 'Object Not Found', reason: 'Not Found' },
      'broker-not-found',
      'queue "a q" does not exist in vhost "v" at http://h:15672 (or the vhost does not exist)',
    ],
    [
      'a binding to a queue whose home node is down (3.10 says 404, not found)',
      call('POST', '/api/bindings/v/e/x/q/cq1'),
      404,
      { error: 'not_found', reason: "home node 'topo-c1@127.0.1.1' of durable queue 'cq1' in vhost 'v' is down or inaccessible" },
      'broker-node-down',
      'queue "cq1" in vhost "v" is unavailable: its home node topo-c1@127.0.1.1 is down or unreachable (POST /api/bindings/v/e/x/q/cq1 at http://h:15672)',
    ],
    [
      'a declare on a named node that is down',
      call('PUT', '/api/queues/v/q'),
      400,
      { error: 'bad_request', reason: "Node 'topo-c1@127.0.1.1' could not be contacted" },
      'broker-node-down',
      'node topo-c1@127.0.1.1 is down or unreachable (PUT /api/queues/v/q at http://h:15672)',
    ],
    [
      'any other refusal, with the broker reason on one line',
      call('PUT', '/api/queues/v/q'),
      400,
      { error: 'bad_request', reason: "invalid arg 'x-message-ttl'\n  for queue 'q'" },
      'broker-http',
      "the broker refused PUT /api/queues/v/q at http://h:15672 (400: invalid arg 'x-message-ttl' for queue 'q')",
    ],
    [
      'a status without JSON body',
      call('GET', '/api/overview'),
      502,
      undefined,
      'broker-http',
      'the broker refused GET /api/overview at http://h:15672 (502: Bad Gateway)',
    ],
  ])('%s', (_label, ctx, status, body, code, message) => {
    const error = statusError(ctx, status, status === 502 ? 'Bad Gateway' : '', body);
    expect(error).toBeInstanceOf(BrokerHttpError);
    expect(error).toBeInstanceOf(TopoError);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.status).toBe(status);
    expect(error.method).toBe(ctx.method);
    expect(error.path).toBe(ctx.path);
    expect(error.message).not.toContain('\n');
  });
});

describe('failures without an HTTP answer', () => {
  it('unreachable names every URL tried and the reasons', () => {
    const error = unreachableError(call('GET', '/api/vhosts'), ['http://a:1', 'http://b:2'], ['a: refused', 'b: refused']);
    expect(error.code).toBe('broker-unreachable');
    expect(error.status).toBeUndefined();
    expect(error.message).toBe(
      'cannot reach the management API at http://a:1, http://b:2 (a: refused; b: refused); is the broker running and the management plugin enabled?',
    );
  });

  it('timeout says how long it waited', () => {
    const error = timeoutError(call('GET', '/api/vhosts'), 250);
    expect(error.code).toBe('broker-timeout');
    expect(error.message).toBe(
      'the management API at http://h:15672 did not answer GET /api/vhosts within 250 ms (raise --timeout, or check the broker)',
    );
  });

  it('a non-JSON answer names its content type', () => {
    const error = notJsonError(call('GET', '/api/vhosts'), 200, 'text/html; charset=utf-8');
    expect(error.code).toBe('broker-response');
    expect(error.message).toContain('answered GET /api/vhosts with text/html instead of JSON');
    expect(notJsonError(call('GET', '/api/vhosts'), 204, undefined, true).message).toContain(
      'answered GET /api/vhosts with an empty body instead of JSON',
    );
  });
});

describe('no URL in an error shows user information', () => {
  it('in the details Node gives', () => {
    const error = unreachableError(call('GET', '/api/vhosts'), ['http://a:1'], ['tunnel to http://eve:Secr3t@proxy:3128 failed']);
    expect(error.message).toBe(
      'cannot reach the management API at http://a:1 (tunnel to http://eve:***@proxy:3128 failed); is the broker running and the management plugin enabled?',
    );
  });

  it("in the broker's or a proxy's reason", () => {
    const error = statusError(call('PUT', '/api/queues/v/q'), 400, '', { error: 'bad_request', reason: 'see http://eve:Secr3t@docs/x' });
    expect(error.reason).toBe('see http://eve:***@docs/x');
    expect(error.message).toBe('the broker refused PUT /api/queues/v/q at http://h:15672 (400: see http://eve:***@docs/x)');
  });
});
