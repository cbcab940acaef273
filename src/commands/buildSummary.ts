import type { RowAccounting } from '../accounting/accountRows.js';
import type { DetectionCount } from '../detect/runDetections.js';
import type { Instant } from '../util/Instant.js';
import type { HuntOptions } from './HuntOptions.js';

export interface RunSummary {
  tool: { name: string; version: string; duckdb: string };
  mode: HuntOptions['mode'];
  parameters: {
    now: string | null;
    since: string | null;
    until: string | null;
    lookbackMinutes: number | null;
    windowMinutes: number;
  };
  /** The instant the lookback was measured from: --now, else the newest time in the input. */
  referenceTime: Instant | null;
  totals: { files: number; rowsRead: number; rejected: number; inScope: number; findings: number };
  detections: { id: string; title: string; detectionType: string; severity: string; findings: number }[];
  /**
   * Default mode: hunted single-factor sign-ins to the rule's apps with neither
   * AuthenticationDetails nor Status.additionalDetails, which no detection can judge.
   */
  singleFactorWithoutDetails: number | null;
  accounting: RowAccounting;
}

/** Collects what a run read, skipped and found into one record for output and JSON. */
export function buildSummary(
  options: HuntOptions,
  versions: { tool: string; duckdb: string },
  referenceTime: Instant | null,
  accounting: RowAccounting,
  counts: readonly DetectionCount[],
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
      windowMinutes: options.windowMinutes,
    },
    referenceTime,
    totals: {
      files: accounting.files.length,
      rowsRead: sum((file) => file.rowsRead),
      rejected: sum((file) => file.rejected),
      inScope: sum((file) => file.inScope),
      findings: counts.reduce((total, count) => total + count.findings, 0),
    },
    detections: counts.map(({ detection, findings }) => ({
      id: detection.id,
      title: detection.title,
      detectionType: detection.detectionType,
      severity: detection.severity,
      findings,
    })),
    singleFactorWithoutDetails: null,
    accounting,
  };
}

/** Formats the one-line summary: rows read and hunted, and the findings of each detection. */
export function summaryLine(summary: RunSummary): string {
  const { totals } = summary;
  const perDetection = summary.detections.map((detection) => `${detection.findings} ${detection.detectionType}`).join(', ');
  const mode = summary.mode === 'kql-compat' ? ' (--kql-compat)' : '';
  return (
    `${plural(totals.rowsRead, 'sign-in')} read from ${plural(totals.files, 'file')}, ` +
    `${totals.inScope} hunted${mode}. Findings: ${perDetection}.`
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
