// Snapshots through the SDK: create one, find it in the list, start a sandbox from it.
import assert from 'node:assert/strict';
import { run, unique } from './client.mjs';

await run('snapshots', async (daytona) => {
  const name = unique('snap');
  const snapshot = await daytona.snapshot.create({ name, image: 'python' });
  assert.equal(snapshot.state, 'active');
  const listed = await daytona.snapshot.list();
  assert.ok(listed.items.some((s) => s.name === name));
  const sandbox = await daytona.create({ snapshot: name });
  try {
    assert.equal((await sandbox.process.executeCommand('echo from-snapshot')).result, 'from-snapshot\n');
  } finally {
    await sandbox.delete();
  }
  await daytona.snapshot.delete(snapshot);
});
