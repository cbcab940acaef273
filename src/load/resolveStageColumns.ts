import type { ColumnInfo } from '../db/Database.js';
import type { ExportShape } from '../shapes/ExportShape.js';
import { normalizeColumnName } from '../shapes/normalizeColumnName.js';
import { STAGE_COLUMNS, type StageColumn } from '../shapes/stageColumns.js';

/** For each stage column, the file's columns that feed it, in priority order. */
export type StageColumnSources = Map<StageColumn, ColumnInfo[]>;

/** Matches the file's column names against the shape's aliases, ignoring case and punctuation. */
export function resolveStageColumns(shape: ExportShape, columns: readonly ColumnInfo[]): StageColumnSources {
  const sources: StageColumnSources = new Map();
  for (const stageColumn of STAGE_COLUMNS) {
    const matched: ColumnInfo[] = [];
    for (const alias of shape.aliases[stageColumn] ?? []) {
      const wanted = normalizeColumnName(alias);
      matched.push(...columns.filter((column) => normalizeColumnName(column.name) === wanted));
    }
    if (matched.length > 0) sources.set(stageColumn, matched);
  }
  return sources;
}
