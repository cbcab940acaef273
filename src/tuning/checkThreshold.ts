import { UsageError } from '../errors.js';
import type { Thresholds } from './Tuning.js';

/** Allowed range and unit of each threshold; wider values are mistakes, or overflow the SQL. */
const LIMITS: Record<keyof Thresholds, { min: number; max: number; unit: string }> = {
  windowMinutes: { min: 1, max: 10_080, unit: 'minutes' },
  velocityWindowMinutes: { min: 1, max: 366 * 24 * 60, unit: 'minutes' },
  contextWindowMinutes: { min: 1, max: 366 * 24 * 60, unit: 'minutes' },
  // Far above any aircraft, far below what a 64-bit integer binding could overflow.
  maxSpeedKmh: { min: 1, max: 1_000_000, unit: 'km/h' },
  // Half the Earth's circumference on a 6,371 km sphere: no two places are farther apart.
  minDistanceKm: { min: 0.001, max: 20_015, unit: 'km' },
};

/** Checks a threshold against its range; `where` names the flag or config key for the message. */
export function checkThreshold(field: keyof Thresholds, value: number, where: string, written: string): number {
  const { min, max, unit } = LIMITS[field];
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`${where}: "${written}" is out of range. Use ${min} to ${max} ${unit}.`);
  }
  return value;
}

/** Parses a plain decimal number such as `1000` or `2.5`; hexadecimal and exponents are rejected. */
export function parseDecimal(text: string): number {
  return /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
}
