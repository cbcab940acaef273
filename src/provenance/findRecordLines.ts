import { createReadStream } from 'node:fs';

import { JsonNesting } from '../sniff/jsonNesting.js';

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;
const CARRIAGE_RETURN = 0x0d;

/** Text layouts whose records can be found by line; envelopes and Parquet have no such lines. */
export type LineLayout = 'ndjson' | 'json-array' | 'csv';

/**
 * Finds the 1-based line on which each requested record starts, numbering records as the loader
 * does: non-blank NDJSON lines, elements of the top-level JSON array, and CSV data records
 * after the header, where records that start on a `skippedLines` line (rejected by the CSV
 * reader) are not counted. Scans the file once and stops after the last requested record.
 */
export async function findRecordLines(
  filePath: string,
  layout: LineLayout,
  requestedRows: ReadonlySet<number>,
  skippedLines: ReadonlySet<number> = new Set(),
): Promise<Map<number, number>> {
  const lines = new Map<number, number>();
  const last = Math.max(0, ...requestedRows);
  const scanners: Record<LineLayout, () => Scanner> = {
    ndjson: ndjsonScanner,
    'json-array': arrayScanner,
    csv: () => csvScanner(skippedLines),
  };
  const scanner = scanners[layout]();

  let line = 1;
  for await (const chunk of createReadStream(filePath) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      const record = scanner(byte, line);
      if (record !== undefined && requestedRows.has(record.index)) lines.set(record.index, record.line);
      if (byte === NEWLINE) line += 1;
    }
    // Records come in order, so once the last requested one is found the rest is not needed.
    if (lines.has(last)) break;
  }
  return lines;
}

type Scanner = (byte: number, line: number) => { index: number; line: number } | undefined;

/** Returns a scanner that starts a record at the first non-blank byte of a line. */
function ndjsonScanner(): Scanner {
  let index = 0;
  let lineHasContent = false;
  return (byte, line) => {
    if (byte === NEWLINE) {
      lineHasContent = false;
      return undefined;
    }
    if (lineHasContent || byte === SPACE || byte === TAB || byte === CARRIAGE_RETURN) return undefined;
    lineHasContent = true;
    index += 1;
    return { index, line };
  };
}

/** Returns a scanner that starts a record where a value opens inside the outer array. */
function arrayScanner(): Scanner {
  const nesting = new JsonNesting();
  let index = 0;
  return (byte, line) => {
    if (nesting.step(byte) !== 'open' || nesting.depth !== 2) return undefined;
    index += 1;
    return { index, line };
  };
}

/** Returns a scanner that starts a record after each newline outside quotes; record 0 is the header. */
function csvScanner(skippedLines: ReadonlySet<number>): Scanner {
  let index = -1;
  let inQuotes = false;
  let atRecordStart = true;
  return (byte, line) => {
    let started: { index: number; line: number } | undefined;
    if (atRecordStart && byte !== NEWLINE && byte !== CARRIAGE_RETURN) {
      atRecordStart = false;
      if (!skippedLines.has(line)) {
        index += 1;
        started = index > 0 ? { index, line } : undefined;
      }
    }
    if (byte === QUOTE) inQuotes = !inQuotes;
    else if (byte === NEWLINE && !inQuotes) atRecordStart = true;
    return started;
  };
}
