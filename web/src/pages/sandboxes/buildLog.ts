import { api, ApiError, errorMessage } from '../../api/client';

/**
 * Follows a snapshot's build log (GET /snapshots/{id}/build-log?follow=true, plain text that goes
 * on until the build ends): each piece is handed over as it arrives, decoded as UTF-8 across
 * chunk boundaries. Resolves when the server ends the log; an abort stops it quietly.
 */
export async function followBuildLog(snapshotId: string, onText: (text: string) => void, signal: AbortSignal): Promise<void> {
  const response = await api.raw(`/snapshots/${encodeURIComponent(snapshotId)}/build-log`, { query: { follow: true }, signal, accept: 'text/plain, application/problem+json, application/json' });
  if (!response.ok) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Plain text it stays.
    }
    throw new ApiError(response.status, errorMessage(response.status, body, response.statusText), body);
  }
  if (!response.body) {
    onText(await response.text());
    return;
  }
  await readText(response.body, onText, signal);
}

/** Reads a byte stream as text, piece by piece; a character split between two chunks is kept whole. */
export async function readText(stream: ReadableStream<Uint8Array>, onText: (text: string) => void, signal?: AbortSignal): Promise<void> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        const rest = decoder.decode();
        if (rest) {
          onText(rest);
        }
        return;
      }
      const text = decoder.decode(value, { stream: true });
      if (text) {
        onText(text);
      }
    }
  } catch (e) {
    if (!signal?.aborted) {
      throw e;
    }
  } finally {
    reader.releaseLock();
  }
}
