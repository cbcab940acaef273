import {
  DuckDBListValue,
  DuckDBStructValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';

import { Instant } from '../util/Instant.js';

export type PlainValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | Instant
  | PlainValue[]
  | { [key: string]: PlainValue };

/**
 * Converts a DuckDB value into plain JS: timestamps become `Instant` (exact microseconds),
 * lists become arrays and structs become objects. Other values pass through unchanged.
 */
export function toPlainValue(value: DuckDBValue): PlainValue {
  if (value instanceof DuckDBTimestampTZValue || value instanceof DuckDBTimestampValue) {
    return new Instant(value.micros);
  }
  if (value instanceof DuckDBListValue) {
    return value.items.map(toPlainValue);
  }
  if (value instanceof DuckDBStructValue) {
    const entries = Object.entries(value.entries).map(([key, item]) => [key, toPlainValue(item)]);
    return Object.fromEntries(entries);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  return String(value);
}
