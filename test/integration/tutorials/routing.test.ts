import { describe, expect, it } from 'vitest';
import { emitLogDirect } from '../../../examples/tutorials/emit_log_direct.js';
import { routingKeysDelivered, routingKeysReceived } from './support/delivered.js';
import { useTutorialVhost } from './support/tutorial-vhost.js';

describe('tutorial 4, routing: emit_log_direct.ts and receive_logs_direct.ts', () => {
  const tutorial = useTutorialVhost('routing.yaml');

  it('delivers each severity to exactly the listeners bound with it', async () => {
    const received = await routingKeysDelivered(tutorial, ['error-logger', 'screen-logger'], async (channel) => {
      for (const severity of ['info', 'warning', 'error', 'debug']) await emitLogDirect(channel, severity, `a ${severity} line`);
    });

    expect(received).toEqual([['error'], ['info', 'warning', 'error']]);
  });

  it('two listeners of the same spec queue each get their own copy', async () => {
    const one = await tutorial.listen('error-logger');
    const two = await tutorial.listen('error-logger');
    const channel = await (await tutorial.connect()).createConfirmChannel();

    await emitLogDirect(channel, 'error', 'disk full');

    expect(one.queue).not.toBe(two.queue);
    expect(await routingKeysReceived(channel, [one, two])).toEqual([['error'], ['error']]);
  });
});
