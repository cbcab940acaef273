import type { Severity } from '../detect/Severity.js';
import type { AllowEntry } from './AllowEntry.js';

/** Default-mode thresholds; each has a flag and a config key. */
export interface Thresholds {
  /** Impossible travel: the most minutes between sign-ins from two countries. */
  windowMinutes: number;
  /** Velocity: the most minutes between two sign-ins compared. */
  velocityWindowMinutes: number;
  /** Velocity and impossible travel: the fastest plausible travel, in km/h. */
  maxSpeedKmh: number;
  /** Velocity: the shortest distance compared, in km, below the error of IP geolocation. */
  minDistanceKm: number;
  /** Token use from a new context: minutes before and after to look for interactive sign-ins. */
  contextWindowMinutes: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  windowMinutes: 60,
  velocityWindowMinutes: 24 * 60,
  // A little above an airliner's cruising speed (about 900 km/h).
  maxSpeedKmh: 1000,
  minDistanceKm: 100,
  contextWindowMinutes: 24 * 60,
};

/** Detection choice, thresholds and allow-lists of the default mode. */
export interface Tuning {
  thresholds: Thresholds;
  allow: AllowEntry[];
  /** Incidents below this severity are hidden and counted. */
  minSeverity: Severity;
  /** Detection ids to run; undefined runs all of them. */
  only?: string[];
  /** Detection ids not to run. */
  skip: string[];
  /** Sources of the two lists, for messages: the flag, or the config file's key. */
  onlySource: string;
  skipSource: string;
}
