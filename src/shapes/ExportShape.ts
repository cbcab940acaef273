/**
 * An export layout: how to recognise it from its column names, which source columns feed
 * each stage column, and which normalisation SQL turns the stage into canonical rows.
 */
export interface ExportShape {
  /** Short id printed in summaries and stored with each row, such as `log-analytics`. */
  id: string;
  /** Human-readable name used in messages. */
  title: string;
  /**
   * Content kind: sign-in records, or the authentication steps that the Entra admin center
   * exports beside its CSV of sign-ins.
   */
  kind: 'sign-ins' | 'auth-steps';
  /** Columns of the `stage` relation that `normalizeSql` reads, all VARCHAR. */
  stageColumns: readonly string[];
  /** File under `sql/normalize/` whose SELECT types the stage into its target table. */
  normalizeSql: string;
  /**
   * Source column names per stage column, as the export spells them; matched after
   * `normalizeColumnName`, so case, spacing and union suffixes do not matter.
   * Where several names match, the first non-empty value wins, in this order.
   */
  aliases: Readonly<Record<string, readonly string[]>>;
  /** Returns true when a file with these normalised column names has this layout. */
  matches(columns: ReadonlySet<string>): boolean;
  /** Returns 'true' or 'false' when the file name shows whether its sign-ins are interactive, else ''. */
  interactiveFromFileName?(fileName: string): string;
}
