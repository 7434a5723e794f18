import { describe, expect, it } from 'vitest';
import { startReceiver } from '../../../examples/tutorials/receive.js';
import { send } from '../../../examples/tutorials/send.js';
import { Inbox } from './support/inbox.js';
import { useTutorialVhost } from './support/tutorial-vhost.js';

describe('tutorial 1, hello world: send.ts and receive.ts', () => {
  const tutorial = useTutorialVhost('hello-world.yaml');

  it('the receiver gets what the sender sent, in order', async () => {
    const inbox = new Inbox<string>();
    await startReceiver(await tutorial.connect(), inbox.push);
    const channel = await (await tutorial.connect()).createConfirmChannel();

    await send(channel, 'Hello World!');
    await send(channel, 'Hello again');

    expect(await inbox.count(2)).toEqual(['Hello World!', 'Hello again']);
  });

  it('a message sent before anyone listens waits in the queue', async () => {
    const channel = await (await tutorial.connect()).createConfirmChannel();
    await send(channel, 'early');

    const inbox = new Inbox<string>();
    await startReceiver(await tutorial.connect(), inbox.push);

    expect(await inbox.count(1)).toEqual(['early']);
  });
});
