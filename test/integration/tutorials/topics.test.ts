import { describe, expect, it } from 'vitest';
import { emitLogTopic } from '../../../examples/tutorials/emit_log_topic.js';
import { routingKeysDelivered } from './support/delivered.js';
import { useTutorialVhost } from './support/tutorial-vhost.js';

describe('tutorial 5, topics: emit_log_topic.ts and receive_logs_topic.ts', () => {
  const tutorial = useTutorialVhost('topics.yaml');

  it('delivers each message to the listeners whose patterns match its routing key', async () => {
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
    const received = await routingKeysDelivered(tutorial, ['orange-listener', 'rabbit-and-lazy-listener'], async (channel) => {
      for (const key of keys) await emitLogTopic(channel, key, `a ${key} animal`);
    });

    expect(received).toEqual([
      ['quick.orange.rabbit', 'lazy.orange.elephant', 'quick.orange.fox'],
      // lazy.pink.rabbit matches both of its bindings and still arrives once.
      ['quick.orange.rabbit', 'lazy.orange.elephant', 'lazy.brown.fox', 'lazy.pink.rabbit', 'lazy.orange.new.rabbit', 'lazy'],
    ]);
  });
});
