import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../../src/load/check-schema.js';
import { collectSpec } from '../../../src/load/collect-spec.js';
import { compareDiagnostics, DiagnosticList, formatDiagnostic } from '../../../src/load/diagnostic.js';
import { parseSpecFile } from '../../../src/load/parse-spec-file.js';
import { checkAccess } from '../../../src/load/rules/check-access.js';
import { checkPluginParameters } from '../../../src/load/rules/check-plugin-parameters.js';
import { checkBindingEndpoints } from '../../../src/load/rules/check-binding-endpoints.js';
import { checkDuplicateBindings } from '../../../src/load/rules/check-duplicate-bindings.js';
import { checkExchangeReferences } from '../../../src/load/rules/check-exchange-references.js';
import { checkHeadersMatch } from '../../../src/load/rules/check-headers-match.js';
import { checkLocalRandomBindings } from '../../../src/load/rules/check-local-random-bindings.js';
import { checkNames } from '../../../src/load/rules/check-names.js';
import { checkPatterns, regexProblem } from '../../../src/load/rules/check-patterns.js';
import { argumentWarning, checkQueueArguments } from '../../../src/load/rules/check-queue-arguments.js';
import { checkQueueProperties } from '../../../src/load/rules/check-queue-properties.js';
import { checkRoutingKeys } from '../../../src/load/rules/check-routing-keys.js';
import { checkRoutingTests } from '../../../src/load/rules/check-routing-tests.js';
import { checkVersion } from '../../../src/load/rules/check-version.js';
import { checkBrokerVersion } from '../../../src/load/rules/check-broker-version.js';
import type { SemanticRule } from '../../../src/load/rules/rule-context.js';
import { runSemanticRules } from '../../../src/load/rules/semantic-rules.js';

/** Diagnostics of a schema-valid spec after `rules`, sorted, without the `spec.yaml:` prefix. */
function diagnose(text: string, rules?: readonly SemanticRule[]): string[] {
  const diagnostics = new DiagnosticList();
  const documents = parseSpecFile('spec.yaml', text, { vars: {}, env: {} }, diagnostics);
  const spec = collectSpec(
    documents.map((document) => ({ document, invalid: checkSchema(document, diagnostics) })),
    diagnostics,
  );
  expect(diagnostics.items.map(formatDiagnostic), 'the spec must pass the schema').toEqual([]);
  runSemanticRules(spec, diagnostics, rules);
  return [...diagnostics.items].sort(compareDiagnostics).map((d) => formatDiagnostic(d).replace(/^spec\.yaml:/, ''));
}

/** The rules seen to report something here, alone and again among the default rules. */
const seenByDefault = new Set<SemanticRule>();

/**
 * What one rule alone reports. Whatever it reports, the default rule set (what `validate`
 * runs) must report too: so each case below also proves that its rule is registered.
 */
function report(rule: SemanticRule, text: string): string[] {
  const alone = diagnose(text, [rule]);
  if (alone.length > 0) {
    expect(diagnose(text), `${rule.name} runs by default`).toEqual(expect.arrayContaining(alone));
    seenByDefault.add(rule);
  }
  return alone;
}

const vhost = (body: string) => `vhosts:\n  /:\n${body}`;

/** One case of one rule: what it proves, the spec, and all that the rule alone reports there. */
interface RuleCase {
  proves: string;
  text: string;
  problems: string[];
}

/** A `describe` named after `rule`, with one test a case: `report(rule, text)` is `problems`, exactly. */
function ruleCases(rule: SemanticRule, cases: RuleCase[]): void {
  describe(rule.name, () => {
    for (const { proves, text, problems } of cases) {
      it(proves, () => {
        expect(report(rule, text)).toEqual(problems);
      });
    }
  });
}

const endpoints = '    exchanges:\n      logs: { type: fanout }\n    queues:\n      audit: {}\n';
const testEndpoints = vhost('    exchanges:\n      logs: { type: fanout }\n      internal: { type: fanout, internal: true }\n    queues:\n      audit: {}\n');
const longKeys = { fits: 'k'.repeat(255), euros: '€'.repeat(100), long: 'ü'.repeat(128) };
const longName = 'é'.repeat(128);
const euroVhost = '€'.repeat(100);

describe('semantic rules', () => {
  ruleCases(checkVersion, [
    { proves: 'accepts version 1', text: 'version: 1\n', problems: [] },
    { proves: 'accepts no version', text: 'vhosts: {}\n', problems: [] },
    { proves: 'rejects any other version', text: 'version: 0\n', problems: ['1:10: unsupported version 0: this topo reads version 1'] },
  ]);

  ruleCases(checkBrokerVersion, [
    { proves: 'accepts documents that target the same broker version', text: 'brokerVersion: "4.3"\n---\nbrokerVersion: "4.3"\n', problems: [] },
    {
      proves: 'rejects documents that target different broker versions, at the later one',
      text: 'brokerVersion: "4.3"\n---\nbrokerVersion: "3.10"\n',
      problems: ['3:16: brokerVersion "3.10" differs from "4.3" (first at spec.yaml:1:16)'],
    },
  ]);

  ruleCases(checkNames, [
    {
      proves: 'rejects reserved and empty names',
      text: vhost(
        '    exchanges:\n      amq.x: { type: direct }\n      "": { type: direct }\n    queues:\n      amq.q: {}\n      "": {}\n    policies:\n      "": { pattern: x, definition: { a: 1 } }\n',
      ),
      problems: [
        '4:7: exchange "amq.x": names starting with "amq." are reserved by RabbitMQ',
        '5:7: the default exchange "" cannot be declared: every queue is already bound to it by its own name',
        '7:7: queue "amq.q": names starting with "amq." are reserved by RabbitMQ',
        '8:7: queue name must not be empty (for a name the broker picks, use a handle with exclusive: true and serverNamed: true)',
        '10:7: policy name must not be empty',
      ],
    },
    {
      proves: 'allows any handle for a server-named queue, and amq.* names for policies',
      text: vhost('    queues:\n      amq.gen-listener: { exclusive: true, serverNamed: true }\n    policies:\n      amq.p: { pattern: x, definition: { a: 1 } }\n'),
      problems: [],
    },
    { proves: 'allows a name of 255 bytes', text: vhost(`    queues:\n      ${'a'.repeat(255)}: {}\n`), problems: [] },
    {
      proves: 'rejects names longer than 255 bytes, counting UTF-8 bytes',
      text: vhost(`    queues:\n      ${longName}: {}\n`),
      problems: [`4:7: queue "${longName.slice(0, 40)}...": name is 256 bytes of UTF-8, more than the 255 AMQP allows`],
    },
    {
      proves: 'counts the bytes of vhost names too: 100 three-byte characters are 300 bytes',
      text: `vhosts:\n  ${'€'.repeat(85)}: {}\n  ${euroVhost}: {}\n`,
      problems: [`3:3: vhost "${euroVhost.slice(0, 40)}...": name is 300 bytes of UTF-8, more than the 255 AMQP allows`],
    },
    {
      proves: 'rejects NUL characters and invalid Unicode in vhost, exchange and queue names, but not in a handle',
      text: 'vhosts:\n  "v\\0":\n    exchanges:\n      "e\\0": { type: direct }\n    queues:\n      "q\\ud800": {}\n      "h\\0": { exclusive: true, serverNamed: true }\n',
      problems: [
        '2:3: vhost "v\\u0000": name contains a NUL character, which AMQP clients cannot handle',
        '4:7: exchange "e\\u0000": name contains a NUL character, which AMQP clients cannot handle',
        '6:7: queue "q\\ud800": name is not valid Unicode (half of a surrogate pair, as written with \\ud800), so it has no UTF-8 form',
      ],
    },
    { proves: 'rejects an empty vhost name', text: 'vhosts:\n  "": {}\n', problems: ['2:3: vhost name must not be empty'] },
  ]);

  ruleCases(checkQueueProperties, [
    {
      proves: 'requires quorum queues and streams durable, not exclusive, not auto-delete',
      text: vhost(
        '    queues:\n      q: { type: quorum, durable: false, exclusive: true, autoDelete: true }\n      s: { type: stream, durable: false }\n      ok: { type: quorum, durable: true, exclusive: false, autoDelete: false }\n',
      ),
      problems: [
        '4:35: queue "q": a quorum queue must be durable',
        '4:53: queue "q": a quorum queue cannot be exclusive',
        '4:71: queue "q": a quorum queue cannot be auto-delete',
        '5:35: queue "s": a stream must be durable',
      ],
    },
    {
      proves: 'allows a classic queue to be anything',
      text: vhost('    queues:\n      q: { durable: false, exclusive: true, autoDelete: true }\n'),
      problems: [],
    },
    {
      proves: 'requires exclusive with serverNamed',
      text: vhost('    queues:\n      a: { serverNamed: true, exclusive: false }\n      b: { serverNamed: true, exclusive: true }\n'),
      problems: ['4:25: queue "a": serverNamed needs exclusive: true (only the connection that declares a server-named queue knows its name)'],
    },
  ]);

  ruleCases(checkRoutingKeys, [
    {
      proves: 'rejects routingKey with routingKeys, located at routingKeys',
      text: vhost(`${endpoints}    bindings:\n      - { source: logs, destination: audit, routingKey: a, routingKeys: [b] }\n`),
      problems: ['8:60: binding "logs" -> "audit": give routingKey or routingKeys, not both'],
    },
    {
      proves: 'rejects binding and test routing keys longer than 255 bytes of UTF-8, each at its place',
      text: vhost(
        `${endpoints}    bindings:\n      - { source: logs, destination: audit, routingKey: ${longKeys.euros} }\n` +
          `      - { source: logs, destination: audit, routingKeys: [${longKeys.fits}, ${longKeys.long}] }\n` +
          `tests:\n  - { exchange: logs, routingKey: ${longKeys.euros}, expect: [audit] }\n  - { exchange: logs, routingKey: ${longKeys.fits}, expect: [audit] }\n`,
      ),
      problems: [
        `8:57: binding "logs" -> "audit": routing key "${longKeys.euros.slice(0, 40)}..." is 300 bytes of UTF-8, more than the 255 AMQP allows`,
        `9:316: binding "logs" -> "audit": routing key "${longKeys.long.slice(0, 40)}..." is 256 bytes of UTF-8, more than the 255 AMQP allows`,
        `11:35: test #1: routing key "${longKeys.euros.slice(0, 40)}..." is 300 bytes of UTF-8, more than the 255 AMQP allows`,
      ],
    },
  ]);

  ruleCases(checkDuplicateBindings, [
    {
      proves: 'finds a binding declared twice, and a key repeated in routingKeys',
      text: vhost(
        `${endpoints}    bindings:\n      - { source: logs, destination: audit }\n      - { source: logs, destination: audit, routingKey: "" }\n      - { source: logs, destination: audit, routingKeys: [x, x] }\n`,
      ),
      problems: [
        '9:9: binding "logs" -> queue "audit" (routing key "") in vhost "/" is declared twice (first at spec.yaml:8:9)',
        '10:62: binding "logs" -> queue "audit" (routing key "x") in vhost "/" is declared twice (first at spec.yaml:10:59)',
      ],
    },
    {
      proves: 'compares arguments canonically: key order and numeric strings do not matter',
      text: vhost(
        `${endpoints}    bindings:\n      - { source: logs, destination: audit, arguments: { b: 1, a: 2 } }\n      - { source: logs, destination: audit, arguments: { a: 2, b: 1 } }\n`,
      ),
      problems: [
        '9:9: binding "logs" -> queue "audit" (routing key "") with arguments {"a":2,"b":1} in vhost "/" is declared twice (first at spec.yaml:8:9)',
      ],
    },
    {
      proves: 'tells bindings apart by destination type, arguments and vhost',
      text: `vhosts:\n  /:\n    exchanges: { logs: { type: fanout }, audit: { type: fanout } }\n    queues: { audit: {} }\n    bindings:\n      - { source: logs, destination: audit }\n      - { source: logs, destination: audit, destinationType: exchange }\n      - { source: logs, destination: audit, arguments: { a: 1 } }\n  other:\n    bindings:\n      - { source: logs, destination: audit }\n`,
      problems: [],
    },
  ]);

  ruleCases(checkBindingEndpoints, [
    {
      proves: 'accepts declared and built-in exchanges',
      text: vhost(
        `${endpoints}    bindings:\n      - { source: logs, destination: audit }\n      - { source: amq.topic, destination: audit, routingKey: "#" }\n      - { source: amq.match, destination: logs, destinationType: exchange }\n      - { source: logs, destination: amq.fanout, destinationType: exchange }\n`,
      ),
      problems: [],
    },
    {
      proves: 'reports each undeclared or wrong endpoint, with a did-you-mean',
      text: vhost(
        `${endpoints}    bindings:\n      - { source: log, destination: audits }\n      - { source: audit, destination: logs }\n      - { source: "", destination: audit }\n      - { source: logs, destination: "", destinationType: exchange }\n      - { source: logs, destination: audit, destinationType: exchange }\n      - { source: logs, destination: amq.fanot, destinationType: exchange }\n`,
      ),
      problems: [
        '8:19: binding "log" -> "audits": source exchange "log" is not declared in vhost "/" (did you mean "logs"?)',
        '8:37: binding "log" -> "audits": destination queue "audits" is not declared in vhost "/" (did you mean "audit"?)',
        '9:19: binding "audit" -> "logs": source "audit" is a queue; the source of a binding must be an exchange',
        '9:39: binding "audit" -> "logs": "logs" is an exchange, not a queue (add destinationType: exchange)',
        '10:19: binding "" -> "audit": the default exchange "" cannot be a binding source',
        '11:38: binding "logs" -> "": the default exchange "" cannot be a binding destination',
        '12:38: binding "logs" -> "audit": "audit" is a queue, not an exchange (remove destinationType: exchange)',
        '13:38: binding "logs" -> "amq.fanot": destination exchange "amq.fanot" is not declared in vhost "/" (did you mean "amq.fanout"?)',
      ],
    },
    {
      proves: "looks only in the binding's own vhost",
      text: `vhosts:\n  a:\n    exchanges: { logs: { type: fanout } }\n  b:\n    queues: { audit: {} }\n    bindings:\n      - { source: logs, destination: audit }\n`,
      problems: ['7:19: binding "logs" -> "audit": source exchange "logs" is not declared in vhost "b"'],
    },
  ]);

  ruleCases(checkHeadersMatch, [
    {
      proves: 'warns about x-match on a binding from a non-headers exchange only',
      text: vhost(
        `    exchanges:\n      h: { type: headers }\n      t: { type: topic }\n    queues:\n      q: {}\n    bindings:\n      - { source: h, destination: q, arguments: { x-match: any, a: 1 } }\n      - { source: amq.headers, destination: q, arguments: { x-match: any, a: 1 } }\n      - { source: t, destination: q, arguments: { x-match: all } }\n      - { source: amq.direct, destination: q, arguments: { x-match: all } }\n      - { source: undeclared, destination: q, arguments: { x-match: all } }\n`,
      ),
      problems: [
        '11:60: warning: binding "t" -> "q": x-match only applies to headers exchanges, and "t" is a topic exchange',
        '12:69: warning: binding "amq.direct" -> "q": x-match only applies to headers exchanges, and "amq.direct" is a direct exchange',
      ],
    },
  ]);

  ruleCases(checkLocalRandomBindings, [
    {
      proves: 'binds an x-local-random exchange to classic queues with an empty key only',
      text: vhost(
        '    exchanges:\n      pick: { type: x-local-random }\n    queues:\n      c: {}\n      q: { type: quorum }\n    bindings:\n      - { source: pick, destination: c }\n      - { source: pick, destination: q, routingKey: a }\n',
      ),
      problems: [
        '10:38: binding "pick" -> "q": an x-local-random exchange routes to classic queues only, and "q" is a quorum queue',
        '10:53: binding "pick" -> "q": an x-local-random exchange takes bindings with an empty routing key only',
      ],
    },
  ]);

  ruleCases(checkExchangeReferences, [
    {
      proves: 'warns about undeclared alternate and dead-letter exchanges',
      text: vhost(
        '    exchanges:\n      a: { type: topic, alternateExchange: unroutd }\n      b: { type: topic, arguments: { alternate-exchange: amq.fanout } }\n      unrouted: { type: fanout }\n    queues:\n      q: { arguments: { x-dead-letter-exchange: dlx } }\n      r: { arguments: { x-dead-letter-exchange: "" } }\n    operatorPolicies:\n      p: { pattern: x, definition: { alternate-exchange: nowhere } }\n',
      ),
      problems: [
        '4:44: warning: exchange "a": alternate exchange "unroutd" is not declared in vhost "/" (did you mean "unrouted"?)',
        '8:49: warning: queue "q": dead-letter exchange "dlx" is not declared in vhost "/"',
        '11:58: warning: operator policy "p": alternate exchange "nowhere" is not declared in vhost "/"',
      ],
    },
    {
      proves: 'rejects alternateExchange together with the alternate-exchange argument',
      text: vhost('    exchanges:\n      ae: { type: fanout }\n      a: { type: topic, alternateExchange: ae, arguments: { alternate-exchange: ae } }\n'),
      problems: ['5:25: exchange "a": give alternateExchange or the alternate-exchange argument, not both'],
    },
  ]);

  ruleCases(checkPatterns, [
    {
      proves: 'rejects invalid policy patterns and ignore entries',
      text: vhost(
        '    ignore: ["^ok$", "a{2,1}"]\n    policies:\n      p: { pattern: "*x", definition: { a: 1 } }\n    operatorPolicies:\n      o: { pattern: "(?i)^caseless", definition: { a: 1 } }\n',
      ),
      problems: [
        '3:22: vhost "/": ignore pattern "a{2,1}" is not a valid regular expression: numbers out of order in {} quantifier',
        '5:21: policy "p": pattern "*x" is not a valid regular expression: nothing to repeat',
      ],
    },
  ]);

  describe('regexProblem', () => {
    it('explains a bad pattern in one line', () => {
      expect(regexProblem('(')).toBe('unterminated group');
      expect(regexProblem('^a\\.b$')).toBeUndefined();
    });
  });

  ruleCases(checkAccess, [
    {
      proves: 'reports a hashing algorithm without a hash, a hash that is not one, and invalid permission regexes',
      text:
        'users:\n  a: { hashingAlgorithm: rabbit_password_hashing_sha512 }\n  b: { passwordHash: "not base64!" }\n' +
        vhost('    permissions:\n      a: { configure: "", write: "(", read: ".*" }\n    topicPermissions:\n      a: { events: { write: "[", read: ".*" } }\n'),
      problems: [
        '2:8: user "a": hashingAlgorithm goes with passwordHash',
        '3:8: user "b": passwordHash must be base64 of a 4-byte salt and a hash, as RabbitMQ exports it',
        '7:34: permissions of user "a" in vhost "/": write "(" is not a valid regular expression: unterminated group',
        '9:29: topic permissions of user "a" on exchange "events" in vhost "/": write "[" is not a valid regular expression: unterminated character class',
      ],
    },
  ]);

  ruleCases(checkPluginParameters, [
    {
      proves: 'reports a shovel or upstream URI with credentials written in plain text, naming the field only',
      text: vhost(
        '    shovels:\n      s: { source: { uri: ["amqp://", "amqp://u:pw@h"], queue: a }, destination: { uri: "amqp://", queue: b } }\n' +
          '    federationUpstreams:\n      up: { uri: "amqp://u:pw@h" }\n      ok: { uri: "amqp://h" }\n',
      ),
      problems: [
        '4:39: shovel "s" in vhost "/": source.uri carries credentials: write it as a secret, ${env:NAME} or ${file:PATH}',
        '6:18: federation upstream "up" in vhost "/": uri carries credentials: write it as a secret, ${env:NAME} or ${file:PATH}',
      ],
    },
  ]);

  ruleCases(checkRoutingTests, [
    {
      proves: 'accepts declared, built-in and default exchanges, and declared queues',
      text: `${testEndpoints}tests:\n  - { exchange: logs, expect: [audit] }\n  - { exchange: amq.direct, routingKey: x, expect: [] }\n  - { exchange: "", routingKey: audit, expect: [audit] }\n`,
      problems: [],
    },
    {
      proves: 'reports unknown vhosts, exchanges and queues, queues used as exchanges, and internal exchanges',
      text: `${testEndpoints}tests:\n  - { vhost: "/x", exchange: logs, expect: [] }\n  - { exchange: log, expect: [] }\n  - { exchange: audit, expect: [] }\n  - { exchange: internal, expect: [] }\n  - { name: t, exchange: logs, expect: [audit, audti] }\n  - { exchange: amq.rabbitmq.trace, expect: [] }\n`,
      problems: [
        '9:14: test #1: vhost "/x" is not declared (did you mean "/"?)',
        '10:17: test #2: exchange "log" is not declared in vhost "/" (did you mean "logs"?)',
        '11:17: test #3: "audit" is a queue, not an exchange (to publish to a queue directly, use exchange "" and routingKey "audit")',
        '12:17: test #4: exchange "internal" is internal: clients cannot publish to it',
        '13:48: test "t": expected queue "audti" is not declared in vhost "/" (did you mean "audit"?)',
        '14:17: test #6: exchange "amq.rabbitmq.trace" is internal: clients cannot publish to it',
      ],
    },
  ]);
});

describe('checkQueueArguments', () => {
  it('warns at the argument of the queue', () => {
    expect(report(checkQueueArguments, vhost('    queues:\n      q: { arguments: { x-max-lenght: 5 } }\n'))).toEqual([
      '4:25: warning: queue "q": unknown argument "x-max-lenght" (did you mean "x-max-length"?): RabbitMQ ignores arguments it does not know',
    ]);
  });

  it.each([
    ['x-max-lenght', 'classic', 'unknown argument "x-max-lenght" (did you mean "x-max-length"?): RabbitMQ ignores arguments it does not know'],
    ['max-length', 'classic', 'unknown argument "max-length" (did you mean "x-max-length"?): RabbitMQ ignores arguments it does not know'],
    ['x-max-agee', 'stream', 'unknown argument "x-max-agee" (did you mean "x-max-age"?): RabbitMQ ignores arguments it does not know'],
    ['x-prefetch-count', 'classic', expect.stringMatching(/^"x-prefetch-count" is not a queue argument: prefetch is a consumer setting/)],
    ['delivery_mode', 'quorum', expect.stringMatching(/^"delivery_mode" is not a queue argument: persistence is a message property/)],
    ['x-delivery-limit', 'classic', 'argument "x-delivery-limit" does not apply to classic queues (only to quorum queues)'],
    ['x-max-length', 'stream', 'argument "x-max-length" does not apply to streams (only to classic queues and quorum queues)'],
    ['x-max-in-memory-length', 'quorum', 'argument "x-max-in-memory-length": RabbitMQ 3.10 and later ignore it (4.0 removed it)'],
  ] as const)('warns about %s on a %s queue', (name, type, message) => {
    expect(argumentWarning(name, type)).toEqual(message);
  });

  it.each([
    ['x-max-length', 'classic'],
    ['x-delivery-limit', 'quorum'],
    ['x-max-age', 'stream'],
    ['x-queue-leader-locator', 'stream'],
  ] as const)('says nothing of %s on a %s queue', (name, type) => {
    expect(argumentWarning(name, type)).toBeUndefined();
  });
});

describe('the default rule set', () => {
  // Last in the file: by now every rule's cases above have run.
  it('runs every rule of src/load/rules/check-*.ts, as its cases above show', async () => {
    const dir = new URL('../../../src/load/rules/', import.meta.url);
    const files = readdirSync(dir).filter((file) => /^check-.*\.ts$/.test(file));
    const rules = await Promise.all(files.map(async (file) => Object.values(await import(new URL(file, dir).href)) as SemanticRule[]));
    const missing = rules.flatMap((exported, i) => (exported.some((rule) => seenByDefault.has(rule)) ? [] : [files[i]]));
    expect(missing, 'rules with no case here that reports something').toEqual([]);
  });
});
