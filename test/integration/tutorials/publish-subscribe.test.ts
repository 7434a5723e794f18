import { describe, expect, it } from 'vitest';
import { emitLog } from '../../../examples/tutorials/emit_log.js';
import { startLogReceiver } from '../../../examples/tutorials/receive_logs.js';
import { enc, mgmt } from '../../support/broker.js';
import { eventually } from './support/eventually.js';
import { Inbox } from './support/inbox.js';
import { useTutorialVhost } from './support/tutorial-vhost.js';

describe('tutorial 3, publish/subscribe: emit_log.ts and receive_logs.ts', () => {
  const tutorial = useTutorialVhost('publish-subscribe.yaml');
  const connect = () => tutorial.connect();
  const queueOnBroker = (name: string) =>
    mgmt<{ exclusive?: boolean; error?: string }>('GET', `/queues/${enc(tutorial.spec.vhost)}/${enc(name)}`, undefined, {
      expect: [200, 404],
    });
  const queueExists = async (name: string) => (await queueOnBroker(name)).error === undefined;

  it('every subscriber of the fanout gets every message', async () => {
    const first = new Inbox<string>();
    const second = new Inbox<string>();
    await startLogReceiver(await connect(), tutorial.spec, (log) => first.push(log.text));
    await startLogReceiver(await connect(), tutorial.spec, (log) => second.push(log.text));
    const channel = await (await connect()).createConfirmChannel();

    const lines = ['info: one', 'warning: two', 'error: three'];
    for (const line of lines) await emitLog(channel, line);

    expect(await first.count(3)).toEqual(lines);
    expect(await second.count(3)).toEqual(lines);
  });

  it('each subscriber gets its own exclusive queue with a name the broker picked', async () => {
    const a = await startLogReceiver(await connect(), tutorial.spec, () => undefined);
    const b = await startLogReceiver(await connect(), tutorial.spec, () => undefined);

    expect(a.queue).toMatch(/^amq\.gen-/);
    expect(b.queue).toMatch(/^amq\.gen-/);
    expect(a.queue).not.toBe(b.queue);
    expect(await queueOnBroker(a.queue)).toMatchObject({ exclusive: true });
  });

  it("a subscriber's queue disappears when its connection closes; the others' stay", async () => {
    const leaving = await connect();
    const gone = await startLogReceiver(leaving, tutorial.spec, () => undefined);
    const staying = await startLogReceiver(await connect(), tutorial.spec, () => undefined);
    expect(await queueOnBroker(gone.queue)).toMatchObject({ exclusive: true });

    await leaving.close();

    // The broker deletes the queue as the connection goes down, just after the close returns.
    await eventually(async () => !(await queueExists(gone.queue)), `queue ${gone.queue} deleted`);
    expect(await queueOnBroker(staying.queue)).toMatchObject({ exclusive: true });
  });
});
