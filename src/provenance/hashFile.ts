import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Computes the SHA-256 of a file as lower-case hex, reading it as a stream. */
export async function hashFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/** Computes the SHA-256 of text as lower-case hex. */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
