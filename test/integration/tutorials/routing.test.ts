import type { ChannelModel } from 'amqplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emitLogDirect } from '../../../examples/tutorials/emit_log_direct.js';
import { startDirectReceiver } from '../../../examples/tutorials/receive_logs_direct.js';
import type { Log } from '../../../examples/tutorials/start-listener.js';
import { Connections } from '../runtime/support/amqp.js';
import { routingKeysReceived } from './support/delivered.js';
import { Inbox } from './support/inbox.js';
import { tutorialVhost, type TutorialVhost } from './support/tutorial-vhost.js';

describe('tutorial 4, routing: emit_log_direct.ts and receive_logs_direct.ts', () => {
  const conns = new Connections();
  let tutorial: TutorialVhost;
  const connect = (): Promise<ChannelModel> => conns.connect(tutorial.spec.vhost);

  beforeEach(async () => {
    tutorial = await tutorialVhost('routing.yaml');
  });
  afterEach(async () => {
    await conns.closeAll();
    await tutorial.dispose();
  });

  const listen = async (listener: string) => {
    const inbox = new Inbox<Log>();
    const { queue } = await startDirectReceiver(await connect(), tutorial.spec, listener, inbox.push);
    return { queue, inbox };
  };

  it('delivers each severity to exactly the listeners bound with it', async () => {
    const errors = await listen('error-logger');
    const screen = await listen('screen-logger');
    const channel = await (await connect()).createConfirmChannel();

    for (const severity of ['info', 'warning', 'error', 'debug']) await emitLogDirect(channel, severity, `a ${severity} line`);

    expect(await routingKeysReceived(channel, [errors, screen])).toEqual([['error'], ['info', 'warning', 'error']]);
  });

  it('two listeners of the same spec queue each get their own copy', async () => {
    const one = await listen('error-logger');
    const two = await listen('error-logger');
    const channel = await (await connect()).createConfirmChannel();

    await emitLogDirect(channel, 'error', 'disk full');

    expect(one.queue).not.toBe(two.queue);
    expect(await routingKeysReceived(channel, [one, two])).toEqual([['error'], ['error']]);
  });
});
