import type { RowAccounting } from '../accounting/accountRows.js';
import type { DetectionCount } from '../detect/runDetections.js';
import { SEVERITIES, type Severity } from '../detect/Severity.js';
import type { IncidentSet } from '../incidents/buildIncidents.js';
import type { Instant } from '../util/Instant.js';
import type { HuntOptions } from './HuntOptions.js';
import type { CacheUse } from './loadEvidence.js';

export interface RunSummary {
  tool: { name: string; version: string; duckdb: string };
  mode: HuntOptions['mode'];
  parameters: {
    now: string | null;
    since: string | null;
    until: string | null;
    lookbackMinutes: number | null;
    windowMinutes: number;
    /** Default mode only: the other thresholds, the allow-lists and the detection choice. */
    velocityWindowMinutes?: number;
    maxSpeedKmh?: number;
    minDistanceKm?: number;
    contextWindowMinutes?: number;
    minSeverity?: Severity;
    allow?: { kind: string; value: string; source: string; note?: string }[];
  };
  /** The instant the lookback was measured from: --now, else the newest time in the input. */
  referenceTime: Instant | null;
  totals: {
    files: number;
    rowsRead: number;
    rejected: number;
    inScope: number;
    /** Every finding the detections returned, suppressed ones included. */
    findings: number;
    /** Findings listed: not covered by an allow-list and in an incident at or above --min-severity. */
    shownFindings: number;
    allowListed: number;
    belowMinSeverity: number;
  };
  /** Default mode: incidents shown, by severity, and those hidden below --min-severity. */
  incidents: { shown: number; bySeverity: Record<Severity, number>; belowMinSeverity: number } | null;
  detections: (FindingCounts & { id: string; title: string; detectionType: string; severity: string; findings: number })[];
  /**
   * Default mode: hunted single-factor sign-ins to the rule's apps with neither
   * AuthenticationDetails nor Status.additionalDetails, which no detection can judge.
   */
  singleFactorWithoutDetails: number | null;
  /** The cache entry the run read or stored its normalised sign-ins in, with --cache-dir. */
  cache: CacheUse | null;
  accounting: RowAccounting;
}

/** Counts of one detection's findings: shown, allow-listed, and hidden below --min-severity. */
export interface FindingCounts {
  shown: number;
  allowListed: number;
  belowMinSeverity: number;
}

/** Collects what a run read, skipped and found into one record for output and JSON. */
export function buildSummary(
  options: HuntOptions,
  versions: { tool: string; duckdb: string },
  referenceTime: Instant | null,
  accounting: RowAccounting,
  counts: readonly DetectionCount[],
  findingCounts: ReadonlyMap<string, FindingCounts>,
  incidents: IncidentSet | null,
): RunSummary {
  const signInFiles = accounting.files.filter((file) => file.kind === 'sign-ins');
  const sum = (pick: (file: RowAccounting['files'][number]) => number): number =>
    signInFiles.reduce((total, file) => total + pick(file), 0);

  return {
    tool: { name: 'hunt-cookies', version: versions.tool, duckdb: versions.duckdb },
    mode: options.mode,
    parameters: {
      now: options.now ?? null,
      since: options.since ?? null,
      until: options.until ?? null,
      lookbackMinutes: options.lookbackMicros === undefined ? null : Number(options.lookbackMicros / 60_000_000n),
      windowMinutes: options.tuning.thresholds.windowMinutes,
      ...(options.mode === 'default' ? describeTuning(options) : {}),
    },
    referenceTime,
    totals: {
      files: accounting.files.length,
      rowsRead: sum((file) => file.rowsRead),
      rejected: sum((file) => file.rejected),
      inScope: sum((file) => file.inScope),
      findings: counts.reduce((total, count) => total + count.findings, 0),
      shownFindings: sumCounts(findingCounts, 'shown'),
      allowListed: sumCounts(findingCounts, 'allowListed'),
      belowMinSeverity: sumCounts(findingCounts, 'belowMinSeverity'),
    },
    incidents: incidents === null ? null : countIncidents(incidents),
    detections: counts.map(({ detection, findings }) => ({
      id: detection.id,
      title: detection.title,
      detectionType: detection.detectionType,
      severity: detection.severity,
      findings,
      ...(findingCounts.get(detection.id) ?? { shown: 0, allowListed: 0, belowMinSeverity: 0 }),
    })),
    singleFactorWithoutDetails: null,
    cache: null,
    accounting,
  };
}

function describeTuning(options: HuntOptions): Partial<RunSummary['parameters']> {
  const { thresholds, allow, minSeverity } = options.tuning;
  return {
    velocityWindowMinutes: thresholds.velocityWindowMinutes,
    maxSpeedKmh: thresholds.maxSpeedKmh,
    minDistanceKm: thresholds.minDistanceKm,
    contextWindowMinutes: thresholds.contextWindowMinutes,
    minSeverity,
    allow: allow.map((entry) => ({ ...entry })),
  };
}

function sumCounts(counts: ReadonlyMap<string, FindingCounts>, key: keyof FindingCounts): number {
  return [...counts.values()].reduce((total, count) => total + count[key], 0);
}

function countIncidents(incidents: IncidentSet): NonNullable<RunSummary['incidents']> {
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const incident of incidents.shown) bySeverity[incident.severity] += 1;
  const belowMinSeverity = Object.values(incidents.hiddenBySeverity).reduce((total, count) => total + count, 0);
  return { shown: incidents.shown.length, bySeverity, belowMinSeverity };
}

/**
 * Formats the summary line: rows read and hunted, the incidents by severity (default mode),
 * the findings of each detection, and what was suppressed.
 */
export function summaryLine(summary: RunSummary, suppressedListed = false): string {
  const { totals } = summary;
  const perDetection = summary.detections.map((detection) => `${detection.shown} ${detection.detectionType}`).join(', ');
  const mode = summary.mode === 'kql-compat' ? ' (--kql-compat)' : '';
  const parts = [`${plural(totals.rowsRead, 'sign-in')} read from ${plural(totals.files, 'file')}, ${totals.inScope} hunted${mode}.`];
  if (summary.incidents !== null) {
    const bySeverity = [...SEVERITIES].reverse().filter((severity) => summary.incidents!.bySeverity[severity] > 0);
    const detail = bySeverity.map((severity) => `${summary.incidents!.bySeverity[severity]} ${severity}`).join(', ');
    parts.push(`Incidents: ${summary.incidents.shown}${detail === '' ? '' : ` (${detail})`}.`);
  }
  parts.push(`Findings: ${perDetection}.`);
  const suppressed = totals.allowListed + totals.belowMinSeverity;
  if (suppressed > 0) {
    const reasons = [
      totals.allowListed > 0 ? `${totals.allowListed} by allow-lists` : '',
      totals.belowMinSeverity > 0 ? `${totals.belowMinSeverity} in incidents below --min-severity` : '',
    ].filter(Boolean);
    parts.push(`Suppressed: ${reasons.join(', ')}${suppressedListed ? ' (listed with the results)' : ' (--show-suppressed lists them)'}.`);
  }
  return parts.join(' ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
