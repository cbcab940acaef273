import type { ColumnInfo } from '../db/Database.js';
import type { ExportShape } from '../shapes/ExportShape.js';
import { normalizeColumnName } from '../shapes/normalizeColumnName.js';

/**
 * Columns of a file that feed each stage column of a layout, in priority order. An empty
 * list means the file has no such column.
 */
export type StageColumnSources = Map<string, ColumnInfo[]>;

/** Matches the file's column names against the shape's aliases, ignoring case and punctuation. */
export function resolveStageColumns(shape: ExportShape, columns: readonly ColumnInfo[]): StageColumnSources {
  const sources: StageColumnSources = new Map();
  for (const stageColumn of shape.stageColumns) {
    const matched: ColumnInfo[] = [];
    for (const alias of shape.aliases[stageColumn] ?? []) {
      const wanted = normalizeColumnName(alias);
      matched.push(...columns.filter((column) => normalizeColumnName(column.name) === wanted));
    }
    sources.set(stageColumn, matched);
  }
  return sources;
}

/** Returns true when the file has at least one column for the stage column. */
export function hasSource(sources: StageColumnSources, stageColumn: string): boolean {
  return (sources.get(stageColumn)?.length ?? 0) > 0;
}
