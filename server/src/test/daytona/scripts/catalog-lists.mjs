// Snapshots and volumes are listed in the shapes the SDK reads (none exist yet for the Daytona API).
import assert from 'node:assert/strict';
import { run } from './client.mjs';

await run('catalog-lists', async (daytona) => {
  const snapshots = await daytona.snapshot.list();
  assert.deepEqual(snapshots.items, []);
  assert.equal(snapshots.total, 0);
  const volumes = await daytona.volume.list();
  assert.deepEqual(volumes, []);
});
