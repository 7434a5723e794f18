import { describe, expect, it } from 'vitest';
import { executePlan } from '../../../src/apply/execute-plan.js';
import type { ManagementClient } from '../../../src/broker/management-client.js';
import { ExitCode, TopoError } from '../../../src/errors.js';
import { PLAN_FORMAT_VERSION, type Plan } from '../../../src/plan/plan.js';

/** A client that records every use; the guard check must happen before any. */
function recordingClient(calls: string[]): ManagementClient {
  return new Proxy({} as ManagementClient, {
    get: (_target, property) => () => {
      calls.push(String(property));
      return Promise.resolve({ status: 204, body: undefined });
    },
  });
}

function plan(extra: Partial<Plan>): Plan {
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    vhosts: ['v'],
    fingerprint: 'f',
    options: { prune: false, allowReplace: false, allowDataLoss: false },
    changes: [],
    steps: [{ op: 'delete-queue', vhost: 'v', name: 'q', ifEmpty: true, id: 0, change: 0, dependsOn: [] }],
    guards: [],
    refusals: [],
    summary: { create: 0, update: 0, replace: 0, migrate: 0, delete: 1, unmanaged: 0, runtime: 0 },
    problems: [],
    ...extra,
  };
}

describe('executePlan', () => {
  it('refuses a plan that declares what the broker refuses, before any call, with exit code 1', async () => {
    const calls: string[] = [];
    const problems = [
      { severity: 'warning' as const, message: 'queue "t": deprecated', subject: { kind: 'queue' as const, key: 'v\u0000t' } },
      { severity: 'error' as const, message: 'queue "q": refused', loc: { file: 'a.yaml', line: 2, col: 5 }, subject: { kind: 'queue' as const, key: 'v\u0000q' } },
    ];
    const error = await executePlan(recordingClient(calls), plan({ problems }), { concurrency: 4 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopoError);
    expect(error).toMatchObject({ code: 'spec-invalid', exitCode: ExitCode.error, message: 'a.yaml:2:5: queue "q": refused' });
    expect(calls).toEqual([]);
  });

  const refusals = [
    { flag: '--prune' as const, change: 0, reason: 'delete unmanaged queue "q"' },
    { flag: '--allow-data-loss' as const, change: 0, reason: 'queue "q" holds 3 messages' },
  ];
  const blocked = [{ change: 0, nodes: ['rabbit@c1'], reason: 'queue "q" in vhost "v" is deleted, but its home node rabbit@c1 is down' }];
  it.each([
    ['with refusals, with exit code 3 and the flags needed', plan({ guards: refusals, refusals }), ExitCode.refused, 'the plan needs --allow-data-loss, --prune; nothing was changed'],
    ['that needs a node that is down, naming the node, with exit code 1', plan({ blocked }), ExitCode.error, 'the plan needs node(s) that are down (rabbit@c1); nothing was changed'],
  ])('refuses a plan %s, before any call', async (_, refused, exitCode, message) => {
    const calls: string[] = [];
    const error = await executePlan(recordingClient(calls), refused, { concurrency: 4 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopoError);
    expect((error as TopoError).exitCode).toBe(exitCode);
    expect((error as TopoError).message).toBe(message);
    expect(calls).toEqual([]);
  });

  it('executes a plan whose guards were all allowed', async () => {
    const calls: string[] = [];
    const guards = [{ flag: '--prune' as const, change: 0, reason: 'delete unmanaged queue "q"' }];
    const report = await executePlan(recordingClient(calls), plan({ guards }), { concurrency: 4 });
    expect(report.ok).toBe(true);
    // The queue's type, then the delete.
    expect(calls).toEqual(['request', 'request']);
  });
});
