// What CodeRunner does not have or does not do comes back as the SDK's own error classes, with
// messages that name it: a missing sandbox, a GPU, an image build, a filter that is not applied.
import assert from 'node:assert/strict';
import { DaytonaNotFoundError, DaytonaValidationError } from '@daytonaio/sdk';
import { run, unique } from './client.mjs';

await run('errors', async (daytona) => {
  const missing = unique('missing');
  await assert.rejects(daytona.get(missing), (e) => e instanceof DaytonaNotFoundError && e.statusCode === 404
    && e.message.includes(missing));
  await assert.rejects(daytona.create({ language: 'python', resources: { gpu: 1 } }),
    (e) => e instanceof DaytonaValidationError && e.statusCode === 400 && e.message.includes('gpu'));
  await assert.rejects(daytona.create({ image: 'python:3.12' }),
    (e) => e instanceof DaytonaValidationError && e.message.includes('buildInfo'));
  await assert.rejects(daytona.create({ language: 'python', public: true }),
    (e) => e instanceof DaytonaValidationError && e.message.includes('public'));
  const listing = daytona.list({ minCpu: 2 });
  await assert.rejects(listing.next(), (e) => e instanceof DaytonaValidationError && e.message.includes('minCpu'));
});
