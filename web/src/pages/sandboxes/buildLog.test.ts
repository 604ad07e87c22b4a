import { describe, expect, it } from 'vitest';
import { readText } from './buildLog';

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      chunks.forEach((chunk) => controller.enqueue(chunk));
      controller.close();
    },
  });
}

describe('readText', () => {
  it('hands over each piece as it comes, keeping a character split between chunks whole', async () => {
    const bytes = new TextEncoder().encode('$ pip install x\n安装完成\n');
    // Split in the middle of the three bytes of '安'.
    const cut = new TextEncoder().encode('$ pip install x\n').length + 1;
    const pieces: string[] = [];
    await readText(streamOf([bytes.slice(0, cut), bytes.slice(cut)]), (text) => pieces.push(text));
    expect(pieces.join('')).toBe('$ pip install x\n安装完成\n');
    expect(pieces[0]).toBe('$ pip install x\n');
  });

  it('stops quietly when aborted', async () => {
    const controller = new AbortController();
    const stream = new ReadableStream<Uint8Array>({
      pull() {
        controller.abort();
        throw new DOMException('aborted', 'AbortError');
      },
    });
    await expect(readText(stream, () => undefined, controller.signal)).resolves.toBeUndefined();
  });
});
