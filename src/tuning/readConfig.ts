import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { parseDocument } from 'yaml';

import { parseDuration } from '../cli/parseValues.js';
import { SEVERITIES, type Severity } from '../detect/Severity.js';
import { UsageError } from '../errors.js';
import { parseAllowEntry, type AllowEntry, type AllowKind } from './AllowEntry.js';
import { checkThreshold, parseDecimal } from './checkThreshold.js';
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

/**
 * Threshold keys, by field, and how the value is written: `minutes` takes a number of minutes
 * or a duration (like --window), `duration` needs a unit (like --velocity-window), `number` is
 * a plain number.
 */
const THRESHOLD_KEYS: Record<string, { field: keyof Thresholds; form: 'minutes' | 'duration' | 'number' }> = {
  window: { field: 'windowMinutes', form: 'minutes' },
  velocityWindow: { field: 'velocityWindowMinutes', form: 'duration' },
  maxSpeed: { field: 'maxSpeedKmh', form: 'number' },
  minDistance: { field: 'minDistanceKm', form: 'number' },
  contextWindow: { field: 'contextWindowMinutes', form: 'duration' },
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

  const document = parseDocumentText(file, text.replace(/^\uFEFF/, ''));
  if (document === null || document === undefined) return { thresholds: {}, allow: [] };
  const root = expectObject(document, file, 'the top level');
  rejectUnknownKeys(root, TOP_KEYS, file, '');

  const config: ConfigFile = { thresholds: {}, allow: [] };
  for (const [key, { field, form }] of Object.entries(THRESHOLD_KEYS)) {
    if (root[key] === undefined) continue;
    config.thresholds[field] = checkThreshold(field, readThreshold(root[key], form, file, key), `--config ${file}: ${key}`, String(root[key]));
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

/**
 * Parses the file as JSON or YAML by its extension. JSON is parsed a second time as YAML,
 * a superset of it, only to reject a repeated key, which JSON.parse would drop silently.
 */
function parseDocumentText(file: string, text: string): unknown {
  const isJson = path.extname(file).toLowerCase() === '.json';
  if (isJson) {
    try {
      JSON.parse(text);
    } catch (error) {
      throw new UsageError(`--config ${file}: invalid JSON: ${(error as Error).message}`);
    }
  }
  // prettyErrors adds the line and column (linePos); the message is cut before its own copy.
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem !== undefined) {
    const where = problem.linePos?.[0] === undefined ? '' : ` at line ${problem.linePos[0].line}, column ${problem.linePos[0].col}`;
    const reason = problem.message.split('\n')[0]!.split(' at line ')[0]!.replace(/[\s:.]+$/, '');
    throw new UsageError(`--config ${file}: invalid ${isJson ? 'JSON' : 'YAML'}${where}: ${reason}.`);
  }
  return document.toJS();
}

/** Reads a threshold in its form: minutes or a duration, a duration with a unit, or a number. */
function readThreshold(value: unknown, form: 'minutes' | 'duration' | 'number', file: string, key: string): number {
  const where = `--config ${file}: ${key}`;
  if (form === 'number' || (form === 'minutes' && (typeof value === 'number' || /^\s*\d+\s*$/.test(String(value))))) {
    const number = typeof value === 'number' ? value : parseDecimal(String(value));
    if (Number.isNaN(number)) throw new UsageError(`${where}: invalid number "${String(value)}". Write a decimal number, such as 1000.`);
    if (form === 'minutes' && !Number.isInteger(number)) throw new UsageError(`${where}: "${String(value)}" is not a whole number of minutes.`);
    return number;
  }
  if (typeof value === 'number') {
    throw new UsageError(`${where}: ${value} has no unit. Write a duration such as ${value}h or ${value}m.`);
  }
  const text = String(value);
  if (form === 'minutes' && !/^\s*\d+\s*[smhd]\s*$/i.test(text)) {
    throw new UsageError(`${where}: invalid value "${text}". Write a whole number of minutes or a duration such as 90m.`);
  }
  return Number(parseDuration(where, text) / 60_000_000n);
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
