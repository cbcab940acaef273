import { createReadStream } from 'node:fs';

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Follows the nesting of JSON text byte by byte, skipping the contents of strings. It does not
 * validate the JSON, so it also works on a file that ends early.
 */
export class JsonNesting {
  depth = 0;
  private inString = false;
  private escaped = false;

  /** Reads one byte; returns 'open' or 'close' when it opens or closes an object or array. */
  step(byte: number): 'open' | 'close' | undefined {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (byte === BACKSLASH) this.escaped = true;
      else if (byte === QUOTE) this.inString = false;
      return undefined;
    }
    if (byte === QUOTE) {
      this.inString = true;
      return undefined;
    }
    if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      this.depth += 1;
      return 'open';
    }
    if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      this.depth -= 1;
      return 'close';
    }
    return undefined;
  }
}

/**
 * Counts the records of a JSON array file that are complete: objects and arrays that close at
 * the top level of the array. Used to say how far a truncated export can be read.
 */
export async function countCompleteArrayRecords(filePath: string): Promise<number> {
  const nesting = new JsonNesting();
  let complete = 0;
  for await (const chunk of createReadStream(filePath) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      // Depth 1 is inside the outer array, so a value closing there is one whole record.
      if (nesting.step(byte) === 'close' && nesting.depth === 1) complete += 1;
    }
  }
  return complete;
}
