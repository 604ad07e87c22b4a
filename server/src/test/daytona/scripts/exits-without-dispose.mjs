// A program that never disposes its client must still exit by itself once its work is done: the
// SDK's event channel (socket.io) connects, and an open channel does not hold Node's event loop.
import { run } from './client.mjs';
import assert from 'node:assert/strict';

await run('exits-without-dispose', async (daytona) => {
  const listed = [];
  for await (const sandbox of daytona.list()) {
    listed.push(sandbox.id);
  }
  assert.ok(Array.isArray(listed));
  // Give the channel the time to connect and do its handshake before the work ends.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(daytona.eventDispatcher.isConnected, true, `the event channel is connected (${daytona.eventDispatcher.failError})`);
}, { dispose: false });
