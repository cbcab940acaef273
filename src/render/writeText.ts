import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Writes text to a stream and waits while its buffer is full, so large outputs stay in bounded memory. */
export async function writeText(stream: Writable, text: string): Promise<void> {
  if (text === '') return;
  if (!stream.write(text)) await once(stream, 'drain');
}
