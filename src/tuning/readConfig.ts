import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { parse as parseYaml } from 'yaml';

import { parseDuration } from '../cli/parseValues.js';
import { SEVERITIES, type Severity } from '../detect/Severity.js';
import { UsageError } from '../errors.js';
import { parseAllowEntry, type AllowEntry, type AllowKind } from './AllowEntry.js';
import type { Thresholds } from './Tuning.js';

/** Settings from a config file; anything it leaves out keeps its default or its flag's value. */
export interface ConfigFile {
  thresholds: Partial<Thresholds>;
  allow: AllowEntry[];
  minSeverity?: Severity;
  only?: string[];
  skip?: string[];
}

/** Config keys under `allow`, by the entry kind they hold. */
const ALLOW_KEYS: Record<string, AllowKind> = { ips: 'ip', asns: 'asn', countries: 'country', users: 'user', apps: 'app' };

/** Threshold keys, by field, and whether the value is a duration (else a number). */
const THRESHOLD_KEYS: Record<string, { field: keyof Thresholds; duration: boolean }> = {
  window: { field: 'windowMinutes', duration: true },
  velocityWindow: { field: 'velocityWindowMinutes', duration: true },
  maxSpeed: { field: 'maxSpeedKmh', duration: false },
  minDistance: { field: 'minDistanceKm', duration: false },
  contextWindow: { field: 'contextWindowMinutes', duration: true },
};

const TOP_KEYS = ['allow', ...Object.keys(THRESHOLD_KEYS), 'minSeverity', 'only', 'skip'];

/**
 * Reads a per-customer config file, JSON or YAML by its extension (YAML is a superset of
 * JSON, so any other name is read as YAML). Every key is checked, because a misspelt
 * allow-list key that was silently ignored would leave findings unsuppressed.
 */
export async function readConfig(file: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`--config ${file}: cannot be read (${code}). Check the path.`);
  }

  let document: unknown;
  try {
    document = path.extname(file).toLowerCase() === '.json' ? JSON.parse(text.replace(/^\uFEFF/, '')) : parseYaml(text);
  } catch (error) {
    throw new UsageError(`--config ${file}: invalid ${path.extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (document === null || document === undefined) return { thresholds: {}, allow: [] };
  const root = expectObject(document, file, 'the top level');
  rejectUnknownKeys(root, TOP_KEYS, file, '');

  const config: ConfigFile = { thresholds: {}, allow: [] };
  for (const [key, { field, duration }] of Object.entries(THRESHOLD_KEYS)) {
    if (root[key] === undefined) continue;
    config.thresholds[field] = duration ? readMinutes(root[key], file, key) : readPositiveNumber(root[key], file, key);
  }
  if (root.minSeverity !== undefined) config.minSeverity = readSeverity(root.minSeverity, file);
  if (root.only !== undefined) config.only = readStrings(root.only, file, 'only');
  if (root.skip !== undefined) config.skip = readStrings(root.skip, file, 'skip');

  if (root.allow !== undefined) {
    const allow = expectObject(root.allow, file, 'allow');
    rejectUnknownKeys(allow, Object.keys(ALLOW_KEYS), file, 'allow.');
    for (const [key, kind] of Object.entries(ALLOW_KEYS)) {
      if (allow[key] === undefined || allow[key] === null) continue;
      if (!Array.isArray(allow[key])) throw new UsageError(`--config ${file}: allow.${key} must be a list.`);
      (allow[key] as unknown[]).forEach((item, index) => {
        config.allow.push(readAllowItem(kind, item, file, `allow.${key}[${index}]`));
      });
    }
  }
  return config;
}

/** Reads an entry: a value, or an object `{ value, note }` whose note gives the reason it is allowed. */
function readAllowItem(kind: AllowKind, item: unknown, file: string, where: string): AllowEntry {
  const source = path.basename(file);
  if (typeof item === 'string' || typeof item === 'number') return parseAllowEntry(kind, String(item), `--config ${file}: ${where}`, source);
  const object = expectObject(item, file, where);
  rejectUnknownKeys(object, ['value', 'note'], file, `${where}.`);
  if (typeof object.value !== 'string' && typeof object.value !== 'number') {
    throw new UsageError(`--config ${file}: ${where} needs a "value".`);
  }
  const note = object.note === undefined ? undefined : String(object.note);
  return parseAllowEntry(kind, String(object.value), `--config ${file}: ${where}`, source, note);
}

function expectObject(value: unknown, file: string, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`--config ${file}: ${where} must be a mapping of keys to values.`);
  }
  return value as Record<string, unknown>;
}

function rejectUnknownKeys(object: Record<string, unknown>, known: readonly string[], file: string, prefix: string): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      throw new UsageError(`--config ${file}: unknown key "${prefix}${key}". Known keys: ${known.map((name) => prefix + name).join(', ')}.`);
    }
  }
}

/** Reads a duration such as "24h", or a bare number of minutes, as minutes. */
function readMinutes(value: unknown, file: string, key: string): number {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`--config ${file}: ${key} must be a whole number of minutes of 1 or more, or a duration such as 24h.`);
    return value;
  }
  return Number(parseDuration(`--config ${file}: ${key}`, String(value)) / 60_000_000n);
}

function readPositiveNumber(value: unknown, file: string, key: string): number {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new UsageError(`--config ${file}: ${key} must be a number greater than zero.`);
  return number;
}

function readSeverity(value: unknown, file: string): Severity {
  const text = String(value).toLowerCase();
  if (!SEVERITIES.includes(text as Severity)) {
    throw new UsageError(`--config ${file}: minSeverity "${String(value)}" is not one of ${SEVERITIES.join(', ')}.`);
  }
  return text as Severity;
}

function readStrings(value: unknown, file: string, key: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new UsageError(`--config ${file}: ${key} must be a list of detection ids.`);
  }
  return value as string[];
}
