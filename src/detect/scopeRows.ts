import type { Database } from '../db/Database.js';
import { Instant } from '../util/Instant.js';
import type { Mode } from './Mode.js';

export interface ScopeOptions {
  mode: Mode;
  /** ISO 8601 instants as the user wrote them; DuckDB parses them. */
  now?: string;
  since?: string;
  until?: string;
  lookbackMicros?: bigint;
}

/** The rule's lookback when `--kql-compat` runs without `--lookback`: 24 hours. */
const KQL_DEFAULT_LOOKBACK_MICROS = 24n * 3_600_000_000n;

/**
 * Gives every loaded sign-in a disposition for the mode (in scope, duplicate, failed, out of
 * the time range, outside the rule's table), then builds the relation its detections read.
 * Returns the reference time `now` the window was measured from.
 */
export async function scopeRows(db: Database, options: ScopeOptions): Promise<Instant | null> {
  if (options.mode === 'kql-compat') {
    await db.runFile('scope/kql-compat.sql', {
      now: options.now ?? '',
      lookback_us: options.lookbackMicros ?? KQL_DEFAULT_LOOKBACK_MICROS,
    });
    await db.runFile('views/kql-signins.sql');
  } else {
    await db.runFile('scope/default.sql', {
      now: options.now ?? '',
      since: options.since ?? '',
      until: options.until ?? '',
      lookback_us: options.lookbackMicros ?? 0n,
    });
    await db.runFile('views/hunt-rows.sql');
  }

  const rows = await db.readPlainRows('SELECT max(reference_time) AS now FROM scoped_rows');
  const now = rows[0]?.now;
  return now instanceof Instant ? now : null;
}
