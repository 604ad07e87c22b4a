// A sandbox's files through the SDK: upload, list, download; a missing file is DaytonaNotFoundError.
import assert from 'node:assert/strict';
import { DaytonaNotFoundError } from '@daytonaio/sdk';
import { run } from './client.mjs';

await run('files', async (daytona) => {
  const sandbox = await daytona.create({ language: 'python' });
  try {
    await sandbox.fs.uploadFile(Buffer.from('hello from node\n'), '/home/user/hello.txt');
    const listed = await sandbox.fs.listFiles('/home/user');
    const hello = listed.find((f) => f.name === 'hello.txt');
    assert.ok(hello, `hello.txt is listed: ${JSON.stringify(listed)}`);
    assert.equal(hello.isDir, false);
    assert.equal(hello.size, 16);
    assert.equal((await sandbox.fs.downloadFile('/home/user/hello.txt')).toString(), 'hello from node\n');
    assert.equal((await sandbox.process.executeCommand('cat hello.txt && echo more >> hello.txt')).exitCode, 0);
    assert.equal((await sandbox.fs.downloadFile('/home/user/hello.txt')).toString(), 'hello from node\nmore\n');
    await assert.rejects(sandbox.fs.downloadFile('/home/user/missing.txt'),
      (e) => e instanceof DaytonaNotFoundError && e.statusCode === 404);
  } finally {
    await sandbox.delete();
  }
});
