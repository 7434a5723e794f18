import { INTERNAL_BUILTIN_EXCHANGES } from '../../model/builtin-exchanges.js';
import { didYouMeanHint } from '../../text/did-you-mean.js';
import type { TestDraft, VhostDraft } from '../spec-draft.js';
import { exchangeNames, hasExchange, testLabel, type RuleContext } from './rule-context.js';

/**
 * A routing test publishes in a declared vhost, to an exchange clients can publish to (declared
 * and not internal, built in, or the default exchange ""), and expects declared queues, each
 * once: a queue both expected for sure and in a `oneOf` group (or in two groups) would make
 * the expectation say two things.
 */
export function checkRoutingTests(ctx: RuleContext): void {
  for (const test of ctx.spec.tests) {
    if (!test.valid) continue;
    const vhost = ctx.spec.vhosts.get(test.vhost);
    if (!vhost) {
      const why = test.spec.vhost === undefined
        ? ' (a test without vhost: runs in the only vhost of its file or of the spec, else in "/")'
        : didYouMeanHint(test.vhost, ctx.spec.vhosts.keys());
      ctx.error(ctx.at(test, 'vhost'), `${testLabel(test)}: vhost "${test.vhost}" is not declared${why}`);
      continue;
    }
    checkExchange(ctx, vhost, test);
    const checkDeclared = (queue: string, ...at: (string | number)[]) => {
      if (vhost.queues.has(queue)) return;
      const hint = didYouMeanHint(queue, vhost.queues.keys());
      ctx.error(ctx.at(test, 'expect', ...at), `${testLabel(test)}: expected queue "${queue}" is not declared in vhost "${vhost.name}"${hint}`);
    };
    // Repeats among the plain names do not matter (a set); a grouped queue must appear once.
    const seen = new Set(test.spec.expect.filter((item): item is string => typeof item === 'string'));
    test.spec.expect.forEach((item, i) => {
      if (typeof item === 'string') return checkDeclared(item, i);
      if (item.oneOf.length < 2) {
        ctx.error(ctx.at(test, 'expect', i, 'oneOf'), `${testLabel(test)}: oneOf needs two queues or more (for one, write its name)`);
      }
      item.oneOf.forEach((queue, j) => {
        if (seen.has(queue)) ctx.error(ctx.at(test, 'expect', i, 'oneOf', j), `${testLabel(test)}: queue "${queue}" is expected more than once`);
        seen.add(queue);
        checkDeclared(queue, i, 'oneOf', j);
      });
    });
  }
}

function checkExchange(ctx: RuleContext, vhost: VhostDraft, test: TestDraft): void {
  const { exchange } = test.spec;
  const at = () => ctx.at(test, 'exchange');
  const label = testLabel(test);
  if (exchange === '') return;
  const declared = vhost.exchanges.get(exchange);
  if ((declared?.valid && declared.spec.internal === true) || (!declared && INTERNAL_BUILTIN_EXCHANGES.has(exchange))) {
    ctx.error(at(), `${label}: exchange "${exchange}" is internal: clients cannot publish to it`);
  } else if (hasExchange(vhost, exchange)) {
    return;
  } else if (vhost.queues.has(exchange)) {
    ctx.error(at(), `${label}: "${exchange}" is a queue, not an exchange (to publish to a queue directly, use exchange "" and routingKey "${exchange}")`);
  } else {
    const hint = didYouMeanHint(exchange, exchangeNames(vhost));
    ctx.error(at(), `${label}: exchange "${exchange}" is not declared in vhost "${vhost.name}"${hint}`);
  }
}
