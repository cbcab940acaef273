import type { Writable } from 'node:stream';

import type { FindingSet } from '../findings/readFindings.js';
import { jsonReplacer } from './formatValue.js';
import { writeText } from './writeText.js';

/**
 * Writes one JSON document: the run summary, the `incidents` (default mode), the shown
 * `findings`, and with --show-suppressed the `suppressedIncidents` (below --min-severity)
 * and `suppressedFindings`. Instants are ISO 8601 UTC
 * text. Findings are streamed, one per line inside their array.
 */
export async function writeJson(
  stream: Writable,
  summary: object,
  findings: FindingSet,
  incidents: readonly object[] | null,
  suppressed: FindingSet | null,
  suppressedIncidents: readonly object[] | null = null,
): Promise<void> {
  const head = JSON.stringify(summary, jsonReplacer, 2).replace(/\n}$/, '');
  await writeText(stream, head);
  if (incidents !== null) await writeObjectArray(stream, 'incidents', incidents);
  await writeFindingArray(stream, 'findings', findings);
  if (suppressedIncidents !== null) await writeObjectArray(stream, 'suppressedIncidents', suppressedIncidents);
  if (suppressed !== null) await writeFindingArray(stream, 'suppressedFindings', suppressed);
  await writeText(stream, '\n}\n');
}

async function writeObjectArray(stream: Writable, name: string, items: readonly object[]): Promise<void> {
  const lines = items.map((item) => JSON.stringify(item, jsonReplacer));
  await writeText(stream, `,\n  "${name}": [${lines.length === 0 ? '' : `\n    ${lines.join(',\n    ')}\n  `}]`);
}

async function writeFindingArray(stream: Writable, name: string, findings: FindingSet): Promise<void> {
  await writeText(stream, `,\n  "${name}": [`);
  let first = true;
  for await (const batch of findings.batches()) {
    const lines = batch.map((row) => JSON.stringify(row, jsonReplacer));
    await writeText(stream, `${first ? '\n    ' : ',\n    '}${lines.join(',\n    ')}`);
    first = false;
  }
  await writeText(stream, first ? ']' : '\n  ]');
}

/** Writes one finding per line (JSON lines) and nothing else, so that other tools can stream it. */
export async function writeNdjson(stream: Writable, findings: FindingSet): Promise<void> {
  for await (const batch of findings.batches()) {
    await writeText(stream, batch.map((row) => `${JSON.stringify(row, jsonReplacer)}\n`).join(''));
  }
}
