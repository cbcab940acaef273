import type { Database } from '../db/Database.js';
import type { HashedFile } from '../load/loadInputs.js';
import { findRecordLines, type LineLayout } from './findRecordLines.js';

const LINE_LAYOUTS: Record<string, LineLayout> = { ndjson: 'ndjson', 'json-array': 'json-array', csv: 'csv' };

/**
 * Finds the line of every record that a finding names, in text inputs, and stores it in
 * `record_lines`, so that outputs can point an analyst at the line to open. Each file with
 * findings is scanned once more, up to its last named record.
 */
export async function recordSourceLines(
  db: Database,
  files: readonly HashedFile[],
  reopen: (file: HashedFile) => Promise<string>,
): Promise<void> {
  const named = await db.readRows(
    `SELECT file, list(DISTINCT row) AS rows FROM (
         SELECT SourceFile AS file, SourceRow AS row FROM findings
         UNION ALL
         SELECT PriorSourceFile, PriorSourceRow FROM findings WHERE PriorSourceFile IS NOT NULL
     ) GROUP BY file`,
  );

  for (const entry of named) {
    const file = files.find((candidate) => candidate.path === entry.file);
    const layout = file === undefined ? undefined : LINE_LAYOUTS[file.container];
    if (file === undefined || layout === undefined) continue;

    const rows = String(entry.rows).replace(/[[\]\s]/g, '').split(',').map(Number);
    const skipped = await db.readRows('SELECT line FROM rejected_lines WHERE file_index = $index', { index: file.index });
    // A file restored from the cache has no work copy yet; `reopen` makes one.
    const readPath = file.readPath === '' ? await reopen(file) : file.readPath;
    const lines = await findRecordLines(readPath, layout, new Set(rows), new Set(skipped.map((row) => Number(row.line))));
    if (lines.size === 0) continue;

    await db.run(
      `INSERT INTO record_lines
       SELECT $file, unnest(string_split($rows, ','))::BIGINT, unnest(string_split($lines, ','))::BIGINT`,
      { file: file.path, rows: [...lines.keys()].join(','), lines: [...lines.values()].join(',') },
    );
  }
}
