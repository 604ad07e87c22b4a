// Volumes through the SDK: create, list, mount into a sandbox, see a file from another sandbox.
import assert from 'node:assert/strict';
import { run, unique } from './client.mjs';

await run('volumes', async (daytona) => {
  const name = unique('vol');
  let volume = await daytona.volume.create(name);
  for (let attempt = 0; attempt < 50 && volume.state !== 'ready'; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    volume = await daytona.volume.get(name);
  }
  assert.equal(volume.state, 'ready');
  assert.ok((await daytona.volume.list()).some((v) => v.name === name));
  const writer = await daytona.create({ language: 'python', volumes: [{ volumeId: volume.id, mountPath: '/mnt/shared' }] });
  try {
    await writer.process.executeCommand('echo shared > /mnt/shared/note.txt');
  } finally {
    await writer.delete();
  }
  const reader = await daytona.create({ language: 'python', volumes: [{ volumeId: volume.id, mountPath: '/data' }] });
  try {
    assert.equal((await reader.process.executeCommand('cat /data/note.txt')).result, 'shared\n');
  } finally {
    await reader.delete();
  }
  await daytona.volume.delete(volume);
});
