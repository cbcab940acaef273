/**
 * Reduces a column or key name to the form the alias tables use: lower case, letters and
 * digits only. Log Analytics CSV exports append ` [UTC]` to time columns, and `_dynamic` or
 * `_string` to columns that a `union` query typed two ways. Both suffixes are dropped first.
 */
export function normalizeColumnName(name: string): string {
  return name
    .trim()
    .replace(/\s*\[UTC\]$/i, '')
    .replace(/_(dynamic|string)$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Returns true for a Log Analytics CSV time column shown in the browser's local time zone. */
export function isLocalTimeColumn(name: string): boolean {
  return /\[Local Time\]\s*$/i.test(name);
}
