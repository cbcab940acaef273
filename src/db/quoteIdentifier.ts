/** Quotes a column name for SQL text; names come from input files and may hold any character. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
