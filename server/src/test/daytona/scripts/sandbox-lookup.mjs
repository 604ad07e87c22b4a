// Finding sandboxes: list (by label and state), get by id and by name; labels and lifecycle
// settings changed afterwards.
import assert from 'node:assert/strict';
import { run, unique } from './client.mjs';

await run('sandbox-lookup', async (daytona) => {
  const name = unique('lookup');
  const team = unique('team');
  const sandbox = await daytona.create({ language: 'typescript', name, labels: { team }, autoStopInterval: 30 });
  try {
    assert.equal(sandbox.name, name);
    assert.equal(sandbox.labels.team, team);
    assert.equal(sandbox.labels['code-toolbox-language'], 'typescript');
    assert.equal(sandbox.autoStopInterval, 30);

    const listed = [];
    for await (const found of daytona.list({ labels: { team }, states: ['started'] })) {
      listed.push(found);
    }
    assert.deepEqual(listed.map((s) => s.id), [sandbox.id]);

    const byId = await daytona.get(sandbox.id);
    const byName = await daytona.get(name);
    assert.equal(byId.id, sandbox.id);
    assert.equal(byName.id, sandbox.id);
    assert.equal(byName.labels['code-toolbox-language'], 'typescript');
    assert.equal((await byName.process.codeRun('console.log(6 * 7)')).result.trim(), '42');

    await sandbox.setLabels({ team, stage: 'two' });
    assert.equal(sandbox.labels.stage, 'two');
    await sandbox.setAutostopInterval(0);
    await sandbox.setAutoDeleteInterval(-1);
    const reread = await daytona.get(sandbox.id);
    assert.equal(reread.autoStopInterval, 0);
    assert.equal(reread.autoDeleteInterval, -1);
    assert.equal(reread.labels['code-toolbox-language'], 'typescript');
  } finally {
    await sandbox.delete();
  }
});
