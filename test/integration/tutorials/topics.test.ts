import { describe, expect, it } from 'vitest';
import { emitLogTopic } from '../../../examples/tutorials/emit_log_topic.js';
import { routingKeysReceived } from './support/delivered.js';
import { useTutorialVhost } from './support/tutorial-vhost.js';

describe('tutorial 5, topics: emit_log_topic.ts and receive_logs_topic.ts', () => {
  const tutorial = useTutorialVhost('topics.yaml');

  it('delivers each message to the listeners whose patterns match its routing key', async () => {
    const orange = await tutorial.listen('orange-listener');
    const rabbitAndLazy = await tutorial.listen('rabbit-and-lazy-listener');
    const channel = await (await tutorial.connect()).createConfirmChannel();

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
