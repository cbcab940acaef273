import type { Writable } from 'node:stream';

import type { FindingSet } from '../findings/readFindings.js';
import { jsonReplacer } from './formatValue.js';
import { writeText } from './writeText.js';

/**
 * Writes one JSON document with the run summary beside a `findings` array. Instants are
 * ISO 8601 UTC text. The findings are streamed, one per line inside the array.
 */
export async function writeJson(stream: Writable, summary: object, findings: FindingSet): Promise<void> {
  const head = JSON.stringify(summary, jsonReplacer, 2).replace(/\n}$/, '');
  await writeText(stream, `${head},\n  "findings": [`);
  let first = true;
  for await (const batch of findings.batches()) {
    const lines = batch.map((row) => JSON.stringify(row, jsonReplacer));
    await writeText(stream, `${first ? '\n    ' : ',\n    '}${lines.join(',\n    ')}`);
    first = false;
  }
  await writeText(stream, first ? ']\n}\n' : '\n  ]\n}\n');
}

/** Writes one finding per line (JSON lines) and nothing else, so that other tools can stream it. */
export async function writeNdjson(stream: Writable, findings: FindingSet): Promise<void> {
  for await (const batch of findings.batches()) {
    await writeText(stream, batch.map((row) => `${JSON.stringify(row, jsonReplacer)}\n`).join(''));
  }
}
