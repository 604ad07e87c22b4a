// A sandbox's life through the SDK: create, run code and commands, stop and start with its files
// kept, delete.
import assert from 'node:assert/strict';
import { DaytonaNotFoundError } from '@daytonaio/sdk';
import { run } from './client.mjs';

await run('sandbox-lifecycle', async (daytona) => {
  const sandbox = await daytona.create({ language: 'python' });
  assert.equal(sandbox.state, 'started');
  try {
    const code = await sandbox.process.codeRun('print(1)');
    assert.equal(code.exitCode, 0);
    assert.equal(code.result, '1\n');

    const echo = await sandbox.process.executeCommand('echo hi');
    assert.equal(echo.exitCode, 0);
    assert.equal(echo.result, 'hi\n');
    const failed = await sandbox.process.executeCommand('echo gone >&2; exit 3');
    assert.equal(failed.exitCode, 3);
    assert.equal((await sandbox.process.executeCommand('pwd')).result, '/home/user\n');
    assert.equal(await sandbox.getUserHomeDir(), '/home/user');
    assert.equal(await sandbox.getWorkDir(), '/home/user');

    await sandbox.process.executeCommand('echo kept > kept.txt');
    await sandbox.stop();
    assert.equal(sandbox.state, 'stopped');
    await sandbox.start();
    assert.equal(sandbox.state, 'started');
    assert.equal((await sandbox.process.executeCommand('cat kept.txt')).result, 'kept\n');
  } finally {
    await sandbox.delete();
  }
  assert.equal(sandbox.state, 'destroyed');
  await assert.rejects(daytona.get(sandbox.id), DaytonaNotFoundError);
});
