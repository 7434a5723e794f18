import type { ChannelModel } from 'amqplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emitLogTopic } from '../../../examples/tutorials/emit_log_topic.js';
import { startTopicReceiver } from '../../../examples/tutorials/receive_logs_topic.js';
import type { Log } from '../../../examples/tutorials/start-listener.js';
import { Connections } from '../runtime/support/amqp.js';
import { routingKeysReceived } from './support/delivered.js';
import { Inbox } from './support/inbox.js';
import { tutorialVhost, type TutorialVhost } from './support/tutorial-vhost.js';

describe('tutorial 5, topics: emit_log_topic.ts and receive_logs_topic.ts', () => {
  const conns = new Connections();
  let tutorial: TutorialVhost;
  const connect = (): Promise<ChannelModel> => conns.connect(tutorial.spec.vhost);

  beforeEach(async () => {
    tutorial = await tutorialVhost('topics.yaml');
  });
  afterEach(async () => {
    await conns.closeAll();
    await tutorial.dispose();
  });

  const listen = async (listener: string) => {
    const inbox = new Inbox<Log>();
    const { queue } = await startTopicReceiver(await connect(), tutorial.spec, listener, inbox.push);
    return { queue, inbox };
  };

  it('delivers each message to the listeners whose patterns match its routing key', async () => {
    const orange = await listen('orange-listener');
    const rabbitAndLazy = await listen('rabbit-and-lazy-listener');
    const channel = await (await connect()).createConfirmChannel();

    const keys = [
      'quick.orange.rabbit',
      'lazy.orange.elephant',
      'quick.orange.fox',
      'lazy.brown.fox',
      'lazy.pink.rabbit',
      'quick.brown.fox',
      'quick.orange.new.rabbit',
      'orange',
      'lazy.orange.new.rabbit',
      'lazy',
    ];
    for (const key of keys) await emitLogTopic(channel, key, `a ${key} animal`);

    expect(await routingKeysReceived(channel, [orange, rabbitAndLazy])).toEqual([
      ['quick.orange.rabbit', 'lazy.orange.elephant', 'quick.orange.fox'],
      // lazy.pink.rabbit matches both of its bindings and still arrives once.
      ['quick.orange.rabbit', 'lazy.orange.elephant', 'lazy.brown.fox', 'lazy.pink.rabbit', 'lazy.orange.new.rabbit', 'lazy'],
    ]);
  });
});
