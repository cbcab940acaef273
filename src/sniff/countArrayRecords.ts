import { createReadStream } from 'node:fs';

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Counts the records of a JSON array file that are complete: objects and arrays that close at
 * the top level of the array. Used to say how far a truncated export can be read; it tracks
 * only nesting and strings, so it does not validate the JSON.
 */
export async function countCompleteArrayRecords(filePath: string): Promise<number> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let complete = 0;

  for await (const chunk of createReadStream(filePath) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) inString = false;
        continue;
      }
      if (byte === QUOTE) inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth += 1;
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth -= 1;
        // Depth 1 is inside the outer array, so a value closing there is one whole record.
        if (depth === 1) complete += 1;
      }
    }
  }
  return complete;
}
