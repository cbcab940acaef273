import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

import type { FindingSet } from '../findings/readFindings.js';
import { writeCsv } from './renderCsv.js';
import { writeJson, writeNdjson } from './renderJson.js';
import { writeArrow } from './writeArrow.js';

/** File name endings `--out` accepts, and what each writes. */
export const OUT_FORMATS: Record<string, string> = {
  '.arrow': 'Arrow IPC file',
  '.arrows': 'Arrow IPC stream',
  '.parquet': 'Parquet',
  '.csv': 'CSV',
  '.json': 'JSON (summary and findings)',
  '.ndjson': 'JSON lines',
  '.jsonl': 'JSON lines',
};

/**
 * Writes the findings to a new file in the format its extension names. `summary` goes into
 * the JSON document, and `metadata` onto the Arrow schema or into the Parquet footer.
 */
export async function writeFindingsFile(
  filePath: string,
  findings: FindingSet,
  summary: object,
  metadata: Record<string, string>,
  incidents: readonly object[] | null = null,
): Promise<void> {
  switch (path.extname(filePath).toLowerCase()) {
    case '.arrow':
      return writeArrow(filePath, findings, new Map(Object.entries(metadata)), 'file');
    case '.arrows':
      return writeArrow(filePath, findings, new Map(Object.entries(metadata)), 'stream');
    case '.parquet':
      return findings.writeParquet(filePath, metadata);
    case '.csv':
      return writeToFile(filePath, (stream) => writeCsv(stream, findings));
    case '.json':
      return writeToFile(filePath, (stream) => writeJson(stream, summary, findings, incidents, null));
    default:
      return writeToFile(filePath, (stream) => writeNdjson(stream, findings));
  }
}

/** Creates `filePath` (never overwriting) and lets `write` fill it as a stream. */
export async function writeToFile(filePath: string, write: (stream: Writable) => Promise<void>): Promise<void> {
  // `wx` fails if the file appeared since the options were checked: never overwrite.
  const stream = createWriteStream(filePath, { flags: 'wx' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  await opened;
  await write(stream);
  stream.end();
  await finished(stream);
}
