import { UsageError } from '../errors.js';

const UNIT_MICROS: Record<string, bigint> = {
  s: 1_000_000n,
  m: 60_000_000n,
  h: 3_600_000_000n,
  d: 86_400_000_000n,
};

/** Parses a duration such as `24h`, `90m`, `7d` or `30s` into microseconds. */
export function parseDuration(option: string, text: string): bigint {
  const match = /^(\d+)\s*([smhd])$/i.exec(text.trim());
  if (!match) {
    throw new UsageError(`${option}: invalid duration "${text}". Write a whole number and a unit: s, m, h or d, such as 24h or 7d.`);
  }
  const micros = BigInt(match[1]!) * UNIT_MICROS[match[2]!.toLowerCase()]!;
  if (micros === 0n) throw new UsageError(`${option}: the duration must be greater than zero.`);
  return micros;
}

/**
 * Checks that an instant is ISO 8601 with a date and time; DuckDB converts it later, exactly.
 * A value without a zone is taken as UTC, like the exports' own zone-less times.
 */
export function parseInstant(option: string, text: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;
  if (!iso.test(text.trim()) || Number.isNaN(Date.parse(text.trim().slice(0, 10)))) {
    throw new UsageError(`${option}: invalid time "${text}". Use ISO 8601, such as 2026-02-01T14:00:00Z or 2026-02-01T16:00:00+02:00.`);
  }
  return text.trim();
}

/** Parses a whole number of minutes, from 1 to one week. */
export function parseMinutes(option: string, text: string): number {
  const minutes = Number(text);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 10_080) {
    throw new UsageError(`${option}: invalid number of minutes "${text}". Use a whole number from 1 to 10080.`);
  }
  return minutes;
}

/** Parses a positive whole number, such as a thread count. */
export function parsePositiveInteger(option: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new UsageError(`${option}: invalid value "${text}". Use a whole number of 1 or more.`);
  }
  return value;
}

/**
 * Checks a DuckDB memory size such as `512MB` or `4GB`. The minimum, 256MB, is the smallest
 * tried that read samples/ with two threads (DuckDB 1.5.6); 64MB and 128MB ran out of memory.
 * NOTE: a larger input can need more, so a limit that passes here can still run out.
 */
export function parseMemoryLimit(option: string, text: string): string {
  let bytes = 0;
  try {
    bytes = parseByteSize(option, text);
  } catch {
    // Reported below with the memory-specific message.
  }
  if (bytes < 256e6) {
    throw new UsageError(`${option}: invalid memory size "${text}". Use a size of at least 256MB, such as 512MB or 4GB.`);
  }
  // DuckDB reads the same units (KB, MB, GB, KiB, MiB, GiB and so on).
  return text.trim().replace(/\s+/g, '');
}

const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** Parses a size such as `500MB`, `64GB` or `2TiB` into bytes. */
export function parseByteSize(option: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(text.trim());
  const unit = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined || Number(match[1]) <= 0) {
    throw new UsageError(`${option}: invalid size "${text}". Use a number and a unit, such as 500MB or 64GB.`);
  }
  return Math.floor(Number(match[1]) * unit);
}
