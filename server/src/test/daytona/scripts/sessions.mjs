// Sessions through the SDK: a shell whose cd and exports last between commands, and its logs.
import assert from 'node:assert/strict';
import { run } from './client.mjs';

await run('sessions', async (daytona) => {
  const sandbox = await daytona.create({ language: 'python' });
  try {
    await sandbox.process.createSession('s1');
    const first = await sandbox.process.executeSessionCommand('s1', { command: 'mkdir -p /tmp/x && cd /tmp/x && export A=1' });
    assert.equal(first.exitCode, 0);
    const second = await sandbox.process.executeSessionCommand('s1', { command: 'pwd; echo $A; echo oops >&2' });
    assert.equal(second.exitCode, 0);
    assert.equal(second.stdout, '/tmp/x\n1\n');
    const logs = await sandbox.process.getSessionCommandLogs('s1', second.cmdId);
    assert.equal(logs.stdout, '/tmp/x\n1\n');
    assert.equal(logs.stderr, 'oops\n');
    const followed = { out: '', err: '' };
    const later = await sandbox.process.executeSessionCommand('s1', { command: 'echo one; sleep 1; echo two', runAsync: true });
    await sandbox.process.getSessionCommandLogs('s1', later.cmdId, (out) => { followed.out += out; }, (err) => { followed.err += err; });
    assert.equal(followed.out, 'one\ntwo\n');
    const session = await sandbox.process.getSession('s1');
    assert.equal(session.commands.length, 3);
    await sandbox.process.deleteSession('s1');
  } finally {
    await sandbox.delete();
  }
});
