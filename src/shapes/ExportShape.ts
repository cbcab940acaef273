import type { StageColumn } from './stageColumns.js';

/**
 * An export layout: how to recognise it from its column names, which source columns feed
 * each stage column, and which normalisation SQL turns the stage into canonical rows.
 */
export interface ExportShape {
  /** Short id printed in summaries and stored with each row, such as `log-analytics`. */
  id: string;
  /** Human-readable name used in messages. */
  title: string;
  /** File under `sql/normalize/` that inserts the stage into `loaded_rows`. */
  normalizeSql: string;
  /**
   * Source column names per stage column, as the export spells them; matched after
   * `normalizeColumnName`, so case, spacing and union suffixes do not matter.
   * Where several names match, the first non-empty value wins, in this order.
   */
  aliases: Partial<Record<StageColumn, readonly string[]>>;
  /** Returns true when a file with these normalised column names has this layout. */
  matches(columns: ReadonlySet<string>): boolean;
}
