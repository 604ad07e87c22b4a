// A server started in the sandbox is reached through the preview link the SDK asks for.
import assert from 'node:assert/strict';
import { run } from './client.mjs';

await run('preview', async (daytona) => {
  const sandbox = await daytona.create({ language: 'python' });
  try {
    await sandbox.process.executeCommand('echo previewed > index.html');
    await sandbox.process.executeCommand('nohup python3 -m http.server 3000 >/dev/null 2>&1 &');
    const link = await sandbox.getPreviewLink(3000);
    assert.ok(link.url && link.token, JSON.stringify(link));
    let body = '';
    for (let attempt = 0; attempt < 50 && body !== 'previewed\n'; attempt++) {
      const response = await fetch(link.url, { headers: { 'x-daytona-preview-token': link.token } });
      body = response.ok ? await response.text() : '';
      if (body !== 'previewed\n') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(body, 'previewed\n');
  } finally {
    await sandbox.delete();
  }
});
