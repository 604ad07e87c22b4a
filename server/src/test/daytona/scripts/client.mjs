// The Daytona client every script uses: the server and the key come from DaytonaSdkTests.
import assert from 'node:assert/strict';
import { Daytona } from '@daytonaio/sdk';

export function client() {
  const apiUrl = process.env.CODERUNNER_DAYTONA_API_URL;
  const apiKey = process.env.CODERUNNER_DAYTONA_API_KEY;
  assert.ok(apiUrl && apiKey, 'CODERUNNER_DAYTONA_API_URL and CODERUNNER_DAYTONA_API_KEY must be set');
  return new Daytona({ apiUrl, apiKey });
}

/** A name no other run of the suite uses. */
export function unique(prefix) {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Runs the script's steps, then disposes the client (except where a script checks that it need not). */
export async function run(name, steps, { dispose = true } = {}) {
  const daytona = client();
  try {
    await steps(daytona);
    console.log(`ok ${name}`);
  } finally {
    if (dispose) {
      await daytona[Symbol.asyncDispose]();
    }
  }
}
