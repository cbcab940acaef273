import type { Command } from 'commander';

import type { Mode } from '../detect/Mode.js';
import { SEVERITIES, type Severity } from '../detect/Severity.js';
import { UsageError } from '../errors.js';
import { parseAllowEntry, type AllowEntry, type AllowKind } from '../tuning/AllowEntry.js';
import { readConfig } from '../tuning/readConfig.js';
import { checkThreshold, parseDecimal } from '../tuning/checkThreshold.js';
import { DEFAULT_THRESHOLDS, type Thresholds, type Tuning } from '../tuning/Tuning.js';
import { parseDuration, parseMinutes } from './parseValues.js';

/** Tuning flags as Commander returns them. */
export interface RawTuningOptions {
  window?: string;
  velocityWindow?: string;
  maxSpeed?: string;
  minDistance?: string;
  contextWindow?: string;
  minSeverity?: string;
  only?: string[];
  skip?: string[];
  config?: string;
  allowIp: string[];
  allowAsn: string[];
  allowCountry: string[];
  allowUser: string[];
  allowApp: string[];
}

const ALLOW_FLAGS: readonly (readonly [flag: string, key: 'allowIp' | 'allowAsn' | 'allowCountry' | 'allowUser' | 'allowApp', kind: AllowKind])[] = [
  ['--allow-ip', 'allowIp', 'ip'],
  ['--allow-asn', 'allowAsn', 'asn'],
  ['--allow-country', 'allowCountry', 'country'],
  ['--allow-user', 'allowUser', 'user'],
  ['--allow-app', 'allowApp', 'app'],
];

/** Adds the default mode's thresholds, allow-lists and detection choice to the hunt command. */
export function addTuningOptions(program: Command): void {
  program
    .option('--window <minutes>', 'impossible travel: maximum time between sign-ins from two countries, in minutes or as a duration such as 90m (default: 60)')
    .option('--velocity-window <duration>', 'velocity: longest time between two sign-ins compared, such as 24h (default: 24h)')
    .option('--max-speed <km/h>', 'velocity and impossible travel: fastest plausible travel in km/h (default: 1000, above an airliner)')
    .option('--min-distance <km>', 'velocity: shortest distance in km compared, below the error of IP geolocation (default: 100)')
    .option('--context-window <duration>', 'token use from a new context: time before and after to look for interactive sign-ins (default: 24h)')
    .option('--min-severity <level>', `hide incidents below this severity: ${SEVERITIES.join(', ')} (default: low); they are counted`)
    .option('--only <ids>', 'run only these detections, comma-separated (see the README for ids)', collectList)
    .option('--skip <ids>', 'do not run these detections, comma-separated', collectList)
    .option('--config <file>', "read thresholds, allow-lists and detections from a JSON or YAML FILE (flags override its thresholds and add to its lists)")
    .option('--allow-ip <cidr>', 'suppress findings from this IP address or CIDR range, IPv4 or IPv6; repeatable', collectList, [])
    .option('--allow-asn <asn>', 'suppress findings from this autonomous system number; repeatable', collectList, [])
    .option('--allow-country <code>', 'suppress findings that involve this two-letter country code; repeatable', collectList, [])
    .option('--allow-user <upn-or-id>', 'suppress findings of this user, such as a break-glass account; repeatable', collectValue, [])
    .option('--allow-app <name-or-id>', 'suppress findings for this app display name or app id; repeatable', collectValue, []);
}

/**
 * Values may be repeated or comma-separated: `--allow-ip a --allow-ip b,c`. Empty items are
 * kept, so that the entry check rejects them instead of dropping them unseen.
 */
function collectList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((item) => item.trim())];
}

/** Repeated values taken whole, because user and app names may contain commas. */
function collectValue(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * Merges the config file and the flags into the run's tuning. Flags override the file's
 * thresholds and add to its allow-lists. `--kql-compat` takes only `--window`, because it
 * reproduces the rule as written.
 */
export async function toTuning(raw: RawTuningOptions, mode: Mode): Promise<Tuning> {
  if (mode === 'kql-compat') rejectTuningForKql(raw);
  const config = raw.config === undefined ? { thresholds: {}, allow: [] } : await readConfig(raw.config);

  const thresholds: Thresholds = { ...DEFAULT_THRESHOLDS, ...config.thresholds };
  if (raw.window !== undefined) thresholds.windowMinutes = windowMinutes(raw.window);
  if (raw.velocityWindow !== undefined) thresholds.velocityWindowMinutes = durationMinutes('velocityWindowMinutes', '--velocity-window', raw.velocityWindow);
  if (raw.maxSpeed !== undefined) thresholds.maxSpeedKmh = positiveNumber('maxSpeedKmh', '--max-speed', raw.maxSpeed);
  if (raw.minDistance !== undefined) thresholds.minDistanceKm = positiveNumber('minDistanceKm', '--min-distance', raw.minDistance);
  if (raw.contextWindow !== undefined) thresholds.contextWindowMinutes = durationMinutes('contextWindowMinutes', '--context-window', raw.contextWindow);

  const allow: AllowEntry[] = [...config.allow];
  for (const [flag, key, kind] of ALLOW_FLAGS) {
    for (const value of raw[key]) allow.push(parseAllowEntry(kind, value, flag, flag));
  }

  return {
    thresholds,
    allow,
    minSeverity: raw.minSeverity === undefined ? (config.minSeverity ?? 'low') : parseSeverity(raw.minSeverity),
    only: raw.only ?? config.only,
    onlySource: raw.only === undefined && config.only !== undefined ? `--config ${raw.config}: only` : '--only',
    skip: raw.skip ?? config.skip ?? [],
    skipSource: raw.skip === undefined && config.skip !== undefined ? `--config ${raw.config}: skip` : '--skip',
  };
}

function rejectTuningForKql(raw: RawTuningOptions): void {
  const tuningFlags = [
    raw.velocityWindow !== undefined && '--velocity-window',
    raw.maxSpeed !== undefined && '--max-speed',
    raw.minDistance !== undefined && '--min-distance',
    raw.contextWindow !== undefined && '--context-window',
    raw.minSeverity !== undefined && '--min-severity',
    raw.only !== undefined && '--only',
    raw.skip !== undefined && '--skip',
    raw.config !== undefined && '--config',
    ...ALLOW_FLAGS.map(([flag, key]) => raw[key].length > 0 && flag),
  ].filter((flag): flag is string => typeof flag === 'string');
  if (tuningFlags.length > 0) {
    throw new UsageError(
      `${tuningFlags.join(', ')}: not available with --kql-compat, which reproduces the Sentinel rule as written (only --window tunes it). Drop --kql-compat to tune the default mode.`,
    );
  }
}

/** `--window` takes minutes, as it always has, or a duration with a unit, as the config file does. */
function windowMinutes(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? parseMinutes('--window', text) : durationMinutes('windowMinutes', '--window', text);
}

function durationMinutes(field: keyof Thresholds, option: string, text: string): number {
  const minutes = Number(parseDuration(option, text) / 60_000_000n);
  return checkThreshold(field, minutes, option, text);
}

function positiveNumber(field: keyof Thresholds, option: string, text: string): number {
  const value = parseDecimal(text);
  if (Number.isNaN(value)) throw new UsageError(`${option}: invalid number "${text}". Write a positive decimal number, such as 1000.`);
  return checkThreshold(field, value, option, text);
}

function parseSeverity(text: string): Severity {
  const severity = text.trim().toLowerCase();
  if (!SEVERITIES.includes(severity as Severity)) {
    throw new UsageError(`--min-severity: invalid severity "${text}". Use one of ${SEVERITIES.join(', ')}.`);
  }
  return severity as Severity;
}
