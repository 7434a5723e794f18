import type { NormalizedTopology } from '../../../src/model/normalized-topology.js';
import { describe, expect, it } from 'vitest';
import type { Change, PropertyChange } from '../../../src/plan/change.js';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import type { Arguments, Binding, Exchange, Queue, Topology } from '../../../src/model/topology.js';
import { binding, exchange, policy, queue, topology, vhost } from '../../support/builders.js';

/** `action kind vhost name` per change: enough to read a diff at a glance. */
const brief = (changes: Change[]): string[] => changes.map((c) => `${c.action} ${c.kind} ${c.vhost} ${c.name}`);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('diffTopology: vhosts', () => {
  it('plans nothing for two empty topologies', () => {
    expect(diffTopology(topology(), topology())).toEqual([]);
  });

  it('creates a missing vhost and everything in it, in kind order', () => {
    const desired = topology(
      vhost({
        name: 'shop',
        description: 'orders',
        exchanges: [exchange({ name: 'orders' })],
        queues: [queue({ name: 'audit' }), queue({ name: 'listener', exclusive: true, serverNamed: true })],
        bindings: [binding({ source: 'orders', destination: 'audit' }), binding({ source: 'orders', destination: 'listener' })],
        policies: [policy({ name: 'ttl' })],
        operatorPolicies: [policy({ name: 'cap' })],
      }),
    );
    expect(brief(diffTopology(desired, topology()))).toEqual([
      'create vhost shop shop',
      'create exchange shop orders',
      'create queue shop audit',
      'runtime queue shop listener',
      'create binding shop orders -> audit []',
      'runtime binding shop orders -> listener []',
      'create policy shop ttl',
      'create operatorPolicy shop cap',
    ]);
    expect(diffTopology(desired, topology())[0]).toEqual({
      action: 'create',
      kind: 'vhost',
      vhost: 'shop',
      name: 'shop',
      after: { name: 'shop', description: 'orders' },
    });
  });

  it('compares only the vhosts the spec names', () => {
    const actual = topology(vhost({ name: 'other', queues: [queue({ name: 'stray' })] }), vhost({ name: '/' }));
    expect(diffTopology(topology(vhost({ name: '/' })), actual)).toEqual([]);
  });

  it.each([
    {
      title: 'a changed description',
      want: { description: 'new' },
      have: { description: 'old', tags: ['a'] },
      changed: [{ path: 'description', before: 'old', after: 'new' }],
      after: { name: '/', description: 'new', tags: ['a'] },
    },
    {
      title: 'changed tags',
      want: { tags: ['b'] },
      have: { description: 'kept', tags: ['a'] },
      changed: [{ path: 'tags', before: ['a'], after: ['b'] }],
      after: { name: '/', description: 'kept', tags: ['b'] },
    },
    {
      title: 'a description the broker lacks',
      want: { description: 'new' },
      have: {},
      changed: [{ path: 'description', before: undefined, after: 'new' }],
      after: { name: '/', description: 'new' },
    },
    {
      title: 'a changed default queue type',
      want: { defaultQueueType: 'quorum' as const },
      have: { description: 'kept', defaultQueueType: 'classic' as const },
      changed: [{ path: 'defaultQueueType', before: 'classic', after: 'quorum' }],
      after: { name: '/', description: 'kept', defaultQueueType: 'quorum' },
    },
    {
      // A vhost PUT without it resets it to classic (4.3.6): the broker's must be written back.
      title: 'a description, keeping the default queue type the spec leaves out',
      want: { description: 'new' },
      have: { description: 'old', defaultQueueType: 'quorum' as const },
      changed: [{ path: 'description', before: 'old', after: 'new' }],
      after: { name: '/', description: 'new', defaultQueueType: 'quorum' },
    },
  ])('updates vhost metadata: $title', ({ want, have, changed, after }) => {
    const [change, ...rest] = diffTopology(topology(vhost(want)), topology(vhost(have)));
    expect(rest).toEqual([]);
    expect(change).toEqual({ action: 'update', kind: 'vhost', vhost: '/', name: '/', before: { name: '/', ...have }, after, changed });
  });

  it.each([
    { title: 'tags in another order', want: { tags: ['a', 'b'] }, have: { tags: ['b', 'a'] } },
    { title: 'no description in the spec', want: {}, have: { description: 'Default virtual host' } },
    { title: 'no tags in the spec', want: {}, have: { tags: ['x'] } },
    { title: 'an empty description on both sides', want: { description: '' }, have: {} },
    { title: 'no default queue type in the spec', want: {}, have: { defaultQueueType: 'quorum' as const } },
    { title: 'classic where the broker reports none (3.10)', want: { defaultQueueType: 'classic' as const }, have: {} },
  ])('leaves vhost metadata alone: $title', ({ want, have }) => {
    expect(diffTopology(topology(vhost(want)), topology(vhost(have)))).toEqual([]);
  });
});

describe('diffTopology: exchanges and queues', () => {
  const diffOne = <T extends Exchange | Queue>(kind: 'exchanges' | 'queues', want: T, have: T): Change[] =>
    diffTopology(topology(vhost({ [kind]: [want] })), topology(vhost({ [kind]: [have] })));

  const propertyCases: { kind: 'exchange' | 'queue'; property: string; before: Exchange | Queue; after: Exchange | Queue }[] = [
    { kind: 'exchange', property: 'type', before: exchange({ type: 'direct' }), after: exchange({ type: 'topic' }) },
    { kind: 'exchange', property: 'durable', before: exchange({ durable: true }), after: exchange({ durable: false }) },
    { kind: 'exchange', property: 'autoDelete', before: exchange({ autoDelete: false }), after: exchange({ autoDelete: true }) },
    { kind: 'exchange', property: 'internal', before: exchange({ internal: false }), after: exchange({ internal: true }) },
    { kind: 'queue', property: 'type', before: queue({ type: 'classic' }), after: queue({ type: 'quorum' }) },
    { kind: 'queue', property: 'durable', before: queue({ durable: true }), after: queue({ durable: false }) },
    { kind: 'queue', property: 'autoDelete', before: queue({ autoDelete: false }), after: queue({ autoDelete: true }) },
    { kind: 'queue', property: 'exclusive', before: queue({ exclusive: true }), after: queue({ exclusive: false }) },
  ];

  for (const { kind, property, before, after } of propertyCases) {
    it(`replaces the ${kind} when its ${property} differs`, () => {
      const value = (side: Exchange | Queue): unknown => (side as unknown as Record<string, unknown>)[property];
      expect(value(before)).not.toEqual(value(after));
      expect(diffOne(`${kind}s`, after, before)).toEqual([
        { action: 'replace', kind, vhost: '/', name: before.name, before, after, forcedBy: [{ path: property, before: value(before), after: value(after) }] },
      ]);
    });
  }

  const argumentCases: { title: string; want: Arguments; have: Arguments; forcedBy: PropertyChange[] }[] = [
    {
      title: 'a changed value',
      want: { 'x-message-ttl': 2000 },
      have: { 'x-message-ttl': 1000 },
      forcedBy: [{ path: 'arguments.x-message-ttl', before: 1000, after: 2000 }],
    },
    {
      title: 'an added argument',
      want: { 'x-max-length': 5 },
      have: {},
      forcedBy: [{ path: 'arguments.x-max-length', before: undefined, after: 5 }],
    },
    {
      title: 'a removed argument',
      want: {},
      have: { 'x-dead-letter-exchange': 'dlx' },
      forcedBy: [{ path: 'arguments.x-dead-letter-exchange', before: 'dlx', after: undefined }],
    },
    {
      title: 'a string where the broker has a number (AMQP types matter)',
      want: { 'x-custom': '1' },
      have: { 'x-custom': 1 },
      forcedBy: [{ path: 'arguments.x-custom', before: 1, after: '1' }],
    },
    {
      title: 'null where the argument is absent',
      want: { 'x-custom': null },
      have: {},
      forcedBy: [{ path: 'arguments.x-custom', before: undefined, after: null }],
    },
    {
      title: 'a nested value',
      want: { 'x-custom': { a: [1, 2] } },
      have: { 'x-custom': { a: [2, 1] } },
      forcedBy: [{ path: 'arguments.x-custom', before: { a: [2, 1] }, after: { a: [1, 2] } }],
    },
    {
      title: 'two arguments, listed sorted',
      want: { 'x-b': 2, 'x-a': 1 },
      have: {},
      forcedBy: [
        { path: 'arguments.x-a', before: undefined, after: 1 },
        { path: 'arguments.x-b', before: undefined, after: 2 },
      ],
    },
  ];

  it.each(argumentCases)('replaces a queue for $title', ({ want, have, forcedBy }) => {
    const [change, ...rest] = diffOne('queues', queue({ arguments: want }), queue({ arguments: have }));
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ action: 'replace', kind: 'queue', forcedBy });
  });

  it.each(argumentCases)('replaces an exchange for $title', ({ want, have, forcedBy }) => {
    const [change, ...rest] = diffOne('exchanges', exchange({ arguments: want }), exchange({ arguments: have }));
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ action: 'replace', kind: 'exchange', forcedBy });
  });

  it('lists every differing property, scalars first', () => {
    const [change] = diffOne(
      'queues',
      queue({ type: 'quorum', durable: true, arguments: { 'x-delivery-limit': 5 } }),
      queue({ type: 'classic', durable: false, arguments: {} }),
    );
    expect(change).toMatchObject({
      forcedBy: [
        { path: 'type', before: 'classic', after: 'quorum' },
        { path: 'durable', before: false, after: true },
        { path: 'arguments.x-delivery-limit', before: undefined, after: 5 },
      ],
    });
  });

  it.each<{ title: string; want: Arguments; have: Arguments }>([
    { title: 'argument key order', want: { 'x-b': 1, 'x-a': 'v' }, have: { 'x-a': 'v', 'x-b': 1 } },
    { title: 'nested key order', want: { 'x-custom': { b: 1, a: [true] } }, have: { 'x-custom': { a: [true], b: 1 } } },
    { title: '1 and 1.0', want: { 'x-message-ttl': 1.0 }, have: { 'x-message-ttl': 1 } },
    { title: 'equal strings', want: { 'x-custom': '1' }, have: { 'x-custom': '1' } },
  ])('sees no difference in $title', ({ want, have }) => {
    expect(diffOne('queues', queue({ arguments: want }), queue({ arguments: have }))).toEqual([]);
    expect(diffOne('exchanges', exchange({ arguments: want }), exchange({ arguments: have }))).toEqual([]);
  });

  it('never compares source locations', () => {
    const loc = { file: 'a.yaml', line: 3, col: 5 };
    expect(diffOne('queues', queue({ loc }), queue())).toEqual([]);
  });

  it("leaves the broker's own objects out", () => {
    const actual = topology(
      vhost({
        exchanges: [exchange({ name: '' }), exchange({ name: 'amq.direct' }), exchange({ name: 'amq.topic', type: 'topic' })],
        queues: [queue({ name: 'amq.gen-Xa2' })],
        bindings: [binding({ source: '', destination: 'amq.gen-Xa2', routingKey: 'amq.gen-Xa2' })],
      }),
    );
    expect(diffTopology(topology(vhost()), actual)).toEqual([]);
  });
});

describe('diffTopology: bindings', () => {
  const base = binding({ source: 'ex', destination: 'q', routingKey: 'k', arguments: { 'x-match': 'all', a: 1 } });
  const objects = {
    exchanges: [exchange({ name: 'ex' }), exchange({ name: 'ex2' }), exchange({ name: 'q2' })],
    queues: [queue({ name: 'q' }), queue({ name: 'q2' })],
  };

  it.each([
    { field: 'source', changed: { source: 'ex2' } },
    { field: 'destination', changed: { destination: 'q2' } },
    { field: 'destinationType', changed: { destination: 'q2', destinationType: 'exchange' } },
    { field: 'routingKey', changed: { routingKey: 'other' } },
    { field: 'arguments', changed: { arguments: { 'x-match': 'any', a: 1 } } },
    { field: 'arguments (one more)', changed: { arguments: { 'x-match': 'all', a: 1, b: 2 } } },
    { field: 'arguments (1 vs "1")', changed: { arguments: { 'x-match': 'all', a: '1' } } },
  ] as { field: string; changed: Partial<Binding> }[])(
    'a changed $field is one create and one unmanaged, never an update',
    ({ changed }) => {
      const want = { ...base, ...changed };
      const changes = diffTopology(
        topology(vhost({ ...objects, bindings: [want] })),
        topology(vhost({ ...objects, bindings: [base] })),
      );
      expect(changes.map((c) => c.action).sort()).toEqual(['create', 'unmanaged']);
      expect(changes.find((c) => c.action === 'create')).toMatchObject({ kind: 'binding', after: want });
      expect(changes.find((c) => c.action === 'unmanaged')).toMatchObject({ kind: 'binding', before: base });
    },
  );

  it('matches bindings whose arguments differ only in key order', () => {
    const want = { ...base, arguments: { a: 1, 'x-match': 'all' } };
    expect(
      diffTopology(topology(vhost({ ...objects, bindings: [want] })), topology(vhost({ ...objects, bindings: [base] }))),
    ).toEqual([]);
  });

  it('names a binding change after its endpoints and routing key', () => {
    const [change] = diffTopology(topology(vhost({ ...objects, bindings: [base] })), topology(vhost(objects)));
    expect(change).toEqual({ action: 'create', kind: 'binding', vhost: '/', name: 'ex -> q [k]', after: base });
  });

  it('keeps two bindings that differ only in arguments apart', () => {
    const other = { ...base, arguments: { 'x-match': 'any', a: 1 } };
    const changes = diffTopology(topology(vhost({ ...objects, bindings: [base, other] })), topology(vhost(objects)));
    expect(changes.map((c) => (c.action === 'create' ? c.after : undefined))).toEqual([base, other]);
  });
});

describe('diffTopology: policies', () => {
  it.each([
    { property: 'pattern', want: { pattern: '^b' }, have: { pattern: '^a' } },
    { property: 'applyTo', want: { applyTo: 'exchanges' }, have: { applyTo: 'queues' } },
    { property: 'priority', want: { priority: 2 }, have: { priority: 1 } },
  ] as const)('updates a policy whose $property differs, in place', ({ property, want, have }) => {
    for (const kind of ['policy', 'operatorPolicy'] as const) {
      const list = kind === 'policy' ? 'policies' : 'operatorPolicies';
      const before = policy(have);
      const after = policy(want);
      expect(diffTopology(topology(vhost({ [list]: [after] })), topology(vhost({ [list]: [before] })))).toEqual([
        {
          action: 'update',
          kind,
          vhost: '/',
          name: 'p',
          before,
          after,
          changed: [{ path: property, before: have[property as keyof typeof have], after: want[property as keyof typeof want] }],
        },
      ]);
    }
  });

  it('updates a changed definition entry by entry', () => {
    const before = policy({ definition: { 'max-length': 10, 'message-ttl': 1000, 'queue-mode': 'lazy' } });
    const after = policy({ definition: { 'message-ttl': 2000, 'max-length': 10, 'overflow': 'reject-publish' } });
    const [change] = diffTopology(topology(vhost({ policies: [after] })), topology(vhost({ policies: [before] })));
    expect(change).toMatchObject({
      action: 'update',
      changed: [
        { path: 'definition.message-ttl', before: 1000, after: 2000 },
        { path: 'definition.overflow', before: undefined, after: 'reject-publish' },
        { path: 'definition.queue-mode', before: 'lazy', after: undefined },
      ],
    });
  });

  it('keeps policies and operator policies of the same name apart', () => {
    const both = vhost({ policies: [policy({ name: 'p' })], operatorPolicies: [policy({ name: 'p', priority: 3 })] });
    expect(diffTopology(topology(both), topology(both))).toEqual([]);
  });
});

describe('diffTopology: missing and extra objects', () => {
  const cases = [
    {
      objects: 'exchanges and queues',
      desired: vhost({ exchanges: [exchange({ name: 'new' })], queues: [queue({ name: 'new-q' })] }),
      actual: vhost({ exchanges: [exchange({ name: 'old' })], queues: [queue({ name: 'old-q' })] }),
      changes: ['create exchange / new', 'unmanaged exchange / old', 'create queue / new-q', 'unmanaged queue / old-q'],
    },
    {
      objects: 'policies and operator policies',
      desired: vhost({ policies: [policy({ name: 'a' })], operatorPolicies: [policy({ name: 'b' })] }),
      actual: vhost({ policies: [policy({ name: 'x' })], operatorPolicies: [policy({ name: 'y' })] }),
      changes: ['create policy / a', 'unmanaged policy / x', 'create operatorPolicy / b', 'unmanaged operatorPolicy / y'],
    },
  ];

  for (const { objects, desired, actual, changes } of cases) {
    it(`creates missing ${objects} and lists extra ones as unmanaged`, () => {
      expect(brief(diffTopology(topology(desired), topology(actual)))).toEqual(changes);
    });
  }
});

describe('diffTopology: names with odd characters', () => {
  const names = ['/', 'a/b', 'logs.#', '100%', 'with space', 'ünïcødé', '日本', 'a\u0001b', 'q -> x [y]'];

  it.each(names)('creates and matches objects named %j', (name) => {
    const v = vhost({
      name,
      exchanges: [exchange({ name })],
      queues: [queue({ name })],
      bindings: [binding({ source: name, destination: name, routingKey: name })],
      policies: [policy({ name, pattern: name })],
    });
    expect(diffTopology(topology(v), topology(v))).toEqual([]);
    expect(diffTopology(topology(v), topology()).map((c) => [c.kind, c.vhost, c.name])).toEqual([
      ['vhost', name, name],
      ['exchange', name, name],
      ['queue', name, name],
      ['binding', name, `${name} -> ${name} [${name}]`],
      ['policy', name, name],
    ]);
  });
});

describe('diffTopology: ignore', () => {
  const desired = topology(
    vhost({
      ignore: ['^app\\.', 'tmp$', '(invalid'],
      exchanges: [exchange({ name: 'events' }), exchange({ name: 'app.events' })],
      queues: [queue({ name: 'orders' }), queue({ name: 'app.declared' })],
      bindings: [binding({ source: 'events', destination: 'app.declared' })],
      policies: [policy({ name: 'app.policy' })],
    }),
  );

  it('leaves ignored objects out on both sides, bindings when either end is ignored', () => {
    const actual = topology(
      vhost({
        exchanges: [exchange({ name: 'events' }), exchange({ name: 'app.other', type: 'fanout' })],
        queues: [queue({ name: 'orders' }), queue({ name: 'app.1' }), queue({ name: 'work-tmp' })],
        bindings: [
          binding({ source: 'events', destination: 'app.1' }),
          binding({ source: 'app.other', destination: 'orders' }),
          binding({ source: 'events', destination: 'work-tmp' }),
        ],
        operatorPolicies: [policy({ name: 'app.limits' })],
      }),
    );
    expect(diffTopology(desired, actual)).toEqual([]);
  });

  it('still reports objects the patterns do not match', () => {
    const actual = topology(vhost({ exchanges: [exchange({ name: 'events' })], queues: [queue({ name: 'orders' }), queue({ name: 'apps' })] }));
    expect(brief(diffTopology(desired, actual))).toEqual(['unmanaged queue / apps']);
  });
});

describe('diffTopology: runtime queues', () => {
  const listener = queue({ name: 'listener', exclusive: true, serverNamed: true, arguments: { 'x-expires': 1000 } });
  const desired = topology(
    vhost({
      exchanges: [exchange({ name: 'logs', type: 'fanout' })],
      queues: [listener],
      bindings: [binding({ source: 'logs', destination: 'listener' })],
    }),
  );

  it('lists exclusive queues and their bindings as runtime, never creating them', () => {
    const actual = topology(vhost({ exchanges: [exchange({ name: 'logs', type: 'fanout' })] }));
    expect(diffTopology(desired, actual)).toEqual([
      { action: 'runtime', kind: 'queue', vhost: '/', name: 'listener', after: listener },
      {
        action: 'runtime',
        kind: 'binding',
        vhost: '/',
        name: 'logs -> listener []',
        after: binding({ source: 'logs', destination: 'listener' }),
      },
    ]);
  });

  it('never replaces an exclusive queue an application holds, nor lists its bindings as unmanaged', () => {
    const actual = topology(
      vhost({
        exchanges: [exchange({ name: 'logs', type: 'fanout' })],
        queues: [queue({ name: 'listener', exclusive: true })],
        bindings: [binding({ source: 'logs', destination: 'listener' }), binding({ source: 'logs', destination: 'listener', routingKey: 'x' })],
      }),
    );
    expect(brief(diffTopology(desired, actual))).toEqual(['runtime queue / listener', 'runtime binding / logs -> listener []']);
  });
});

describe('diffTopology: a replace re-creates the bindings it takes with it', () => {
  const objects = {
    exchanges: [exchange({ name: 'in' }), exchange({ name: 'mid', type: 'topic' }), exchange({ name: 'out', type: 'fanout' })],
    queues: [queue({ name: 'q', arguments: { 'x-message-ttl': 1000 } }), queue({ name: 'other' })],
  };
  const spec = [
    binding({ source: 'in', destination: 'q', routingKey: 'managed' }),
    binding({ source: 'mid', destination: 'other', routingKey: 'a.*' }),
    binding({ source: 'in', destination: 'mid', destinationType: 'exchange', routingKey: 'e2e-in' }),
    binding({ source: 'mid', destination: 'out', destinationType: 'exchange', routingKey: 'e2e-out' }),
  ];
  const extra = [
    binding({ source: 'out', destination: 'q', routingKey: 'unmanaged' }),
    binding({ source: 'mid', destination: 'q', routingKey: 'unmanaged' }),
    binding({ source: 'out', destination: 'other', routingKey: 'unmanaged' }),
  ];
  const actual = topology(vhost({ ...objects, bindings: [...spec, ...extra] }));
  const recreated = (changes: Change[]) =>
    changes.flatMap((c) =>
      c.action === 'create' && c.kind === 'binding'
        ? [`${c.name} for ${c.recreatedFor?.kind ?? '-'} ${c.recreatedFor?.name ?? '-'} ${c.outsideSpec ?? 'spec'}`]
        : [],
    );

  const cases = [
    {
      proves: 'the bindings of a replaced queue, managed and unmanaged, on its destination side',
      changed: {
        queues: [queue({ name: 'q', arguments: { 'x-message-ttl': 2000 } }), queue({ name: 'other' })],
        bindings: [...spec, binding({ source: 'in', destination: 'q', routingKey: 'new' })],
      },
      others: ['replace queue / q', 'unmanaged binding / out -> other [unmanaged]'],
      recreates: [
        'in -> q [managed] for queue q spec',
        'in -> q [new] for - - spec',
        'mid -> q [unmanaged] for queue q unmanaged',
        'out -> q [unmanaged] for queue q unmanaged',
      ],
    },
    {
      proves: 'the bindings of a replaced exchange on both sides, exchange-to-exchange ones included',
      changed: { exchanges: [exchange({ name: 'in' }), exchange({ name: 'mid', type: 'direct' }), exchange({ name: 'out', type: 'fanout' })] },
      others: ['replace exchange / mid', 'unmanaged binding / out -> other [unmanaged]', 'unmanaged binding / out -> q [unmanaged]'],
      recreates: [
        // identity order: exchange destinations before queue ones
        'in -> mid [e2e-in] for exchange mid spec',
        'mid -> out [e2e-out] for exchange mid spec',
        'mid -> other [a.*] for exchange mid spec',
        'mid -> q [unmanaged] for exchange mid unmanaged',
      ],
    },
    {
      proves: 'a binding between two replaced objects once',
      changed: {
        exchanges: [exchange({ name: 'in', durable: false }), exchange({ name: 'mid', type: 'topic' }), exchange({ name: 'out', type: 'fanout' })],
        queues: [queue({ name: 'q' }), queue({ name: 'other' })],
      },
      others: ['replace exchange / in', 'replace queue / q', 'unmanaged binding / out -> other [unmanaged]'],
      recreates: [
        'in -> mid [e2e-in] for exchange in spec',
        'in -> q [managed] for exchange in spec',
        'mid -> q [unmanaged] for queue q unmanaged',
        'out -> q [unmanaged] for queue q unmanaged',
      ],
    },
  ];

  for (const { proves, changed, others, recreates } of cases) {
    it(`re-creates ${proves}`, () => {
      const changes = diffTopology(topology(vhost({ ...objects, bindings: spec, ...changed })), actual);
      expect(brief(changes).filter((line) => !line.startsWith('create binding'))).toEqual(others);
      expect(recreated(changes)).toEqual(recreates);
    });
  }

  it('keeps bindings of ignored objects, marked as such', () => {
    const desired = topology(vhost({ ignore: ['^app\\.'], queues: [queue({ name: 'q', durable: false })] }));
    const have = topology(
      vhost({ exchanges: [exchange({ name: 'app.x' })], queues: [queue({ name: 'q' })], bindings: [binding({ source: 'app.x', destination: 'q' })] }),
    );
    expect(recreated(diffTopology(desired, have))).toEqual(['app.x -> q [] for queue q ignored']);
  });

  it('does not re-create the bindings of runtime queues', () => {
    const desired = topology(
      vhost({
        exchanges: [exchange({ name: 'logs', type: 'topic' })],
        queues: [queue({ name: 'listener', exclusive: true })],
        bindings: [binding({ source: 'logs', destination: 'listener' })],
      }),
    );
    const have = topology(
      vhost({
        exchanges: [exchange({ name: 'logs', type: 'fanout' })],
        queues: [queue({ name: 'listener', exclusive: true })],
        bindings: [binding({ source: 'logs', destination: 'listener' })],
      }),
    );
    expect(brief(diffTopology(desired, have))).toEqual([
      'replace exchange / logs',
      'runtime queue / listener',
      'runtime binding / logs -> listener []',
    ]);
  });
});

describe('diffTopology: purity and order', () => {
  const desired = topology(
    vhost({ name: 'b', queues: [queue({ name: 'z' }), queue({ name: 'a', durable: false })], exchanges: [exchange({ name: 'x' })] }),
    vhost({ name: 'a', policies: [policy({ name: 'p', priority: 1 })], bindings: [binding({ source: 'amq.direct', destination: 'q' })] }),
  );
  const actual = topology(
    vhost({ name: 'b', queues: [queue({ name: 'a' }), queue({ name: 'm' })] }),
    vhost({ name: 'a', policies: [policy({ name: 'p' })], queues: [queue({ name: 'q' })] }),
  );

  it('never mutates its inputs', () => {
    deepFreeze(desired);
    deepFreeze(actual);
    expect(() => diffTopology(desired, actual)).not.toThrow();
  });

  it('orders changes by vhost, kind and identity whatever the input order', () => {
    // Deliberately not sorted, against the type's promise: the diff must not rely on order.
    const shuffled = (t: Topology): NormalizedTopology => ({
      ...t,
      vhosts: [...t.vhosts].reverse().map((v) => ({ ...v, queues: [...v.queues].reverse(), bindings: [...v.bindings].reverse() })),
    }) as NormalizedTopology;
    const changes = diffTopology(desired, actual);
    expect(brief(changes)).toEqual([
      'unmanaged queue a q',
      'create binding a amq.direct -> q []',
      'update policy a p',
      'create exchange b x',
      'replace queue b a',
      'unmanaged queue b m',
      'create queue b z',
    ]);
    expect(diffTopology(shuffled(desired), shuffled(actual))).toEqual(changes);
  });
});
