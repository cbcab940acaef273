import type { PlainValue } from '../db/toPlainValue.js';
import { Instant } from '../util/Instant.js';

/** Formats a finding value as text: instants as ISO 8601 UTC, nested values as JSON, NULL as ''. */
export function formatValue(value: PlainValue): string {
  if (value === null) return '';
  if (value instanceof Instant) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value, jsonReplacer);
  return String(value);
}

/** JSON.stringify replacer: BigInt row numbers become numbers (exact below 2^53), instants ISO text. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}
