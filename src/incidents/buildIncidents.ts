import type { Database, PlainRow } from '../db/Database.js';
import { detectionLabel } from '../detect/detectionLabels.js';
import { SEVERITIES, type Severity } from '../detect/Severity.js';
import { Instant } from '../util/Instant.js';

/** One detection's share of an incident. */
export interface IncidentDetection {
  detectionType: string;
  title: string;
  findings: number;
  severity: Severity;
  /** The reason of its most severe, latest finding. */
  example: string | null;
}

/** The findings of one user, grouped for triage. */
export interface Incident {
  incidentId: string;
  severity: Severity;
  /** True when independent detections agreed on a sign-in and raised the severity a step. */
  severityRaised: boolean;
  userPrincipalName: string | null;
  userId: string | null;
  firstSeen: Instant | null;
  lastSeen: Instant | null;
  findings: number;
  detections: IncidentDetection[];
  countries: string[];
  ipAddresses: string[];
  asns: number[];
  sessions: string[];
  corroboratedSignIns: number;
  /** A one-line explanation for the table. */
  why: string;
}

export interface IncidentSet {
  /** Incidents at or above --min-severity, most severe first. */
  shown: Incident[];
  /** Incidents below --min-severity, most severe first; their findings are suppressed. */
  hidden: Incident[];
  /** The hidden incidents counted by severity. */
  hiddenBySeverity: Record<Severity, number>;
}

/**
 * Groups the active findings into incidents per user, hides those below `minSeverity` (their
 * findings are marked suppressed), and links every active finding to its incident.
 */
export async function buildIncidents(db: Database, minSeverity: Severity): Promise<IncidentSet> {
  await db.runFile('incidents/build.sql', { min_rank: SEVERITIES.indexOf(minSeverity) + 1 });
  await db.runFile('incidents/assign.sql', { min_severity: minSeverity });

  const rows = await db.readPlainRows('SELECT * EXCLUDE (UserKey) FROM incidents ORDER BY IncidentId');
  const hiddenBySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  const shown: Incident[] = [];
  const hidden: Incident[] = [];
  for (const row of rows) {
    const incident = toIncident(row);
    if (row.Shown === true) {
      shown.push(incident);
    } else {
      hidden.push(incident);
      hiddenBySeverity[incident.severity] += 1;
    }
  }
  return { shown, hidden, hiddenBySeverity };
}

function toIncident(row: PlainRow): Incident {
  const detections = (row.Detections as PlainRow[] | null ?? []).map((detection) => ({
    detectionType: String(detection.detectionType),
    title: String(detection.title),
    findings: Number(detection.findings),
    severity: detection.severity as Severity,
    example: detection.example === null ? null : String(detection.example),
  }));
  const corroboratedSignIns = Number(row.CorroboratedSignIns ?? 0);
  return {
    incidentId: String(row.IncidentId),
    severity: row.Severity as Severity,
    severityRaised: row.SeverityRaised === true,
    userPrincipalName: textOrNull(row.UserPrincipalName),
    userId: textOrNull(row.UserId),
    firstSeen: row.FirstSeen instanceof Instant ? row.FirstSeen : null,
    lastSeen: row.LastSeen instanceof Instant ? row.LastSeen : null,
    findings: Number(row.Findings ?? 0),
    detections,
    countries: textList(row.Countries),
    ipAddresses: textList(row.IPAddresses),
    asns: (Array.isArray(row.ASNs) ? row.ASNs : []).map(Number),
    sessions: textList(row.Sessions),
    corroboratedSignIns,
    why: explain(detections, corroboratedSignIns),
  };
}

/**
 * Writes the "why" line: the strongest detection with its own reason, the other detections
 * by count, and the agreement that raised the severity.
 */
function explain(detections: readonly IncidentDetection[], corroboratedSignIns: number): string {
  const [strongest, ...others] = detections;
  if (strongest === undefined) return '';
  const name = (detection: IncidentDetection) =>
    `${detectionLabel(detection.detectionType)}${detection.findings > 1 ? ` ×${detection.findings}` : ''}`;
  const sentences = [`${name(strongest)}${strongest.example === null ? '' : `: ${strongest.example}`}.`];
  if (others.length > 0) sentences.push(`Also ${others.map(name).join(', ').toLowerCase()}.`);
  if (corroboratedSignIns > 0) {
    sentences.push(`Independent detections agree on ${corroboratedSignIns} sign-in${corroboratedSignIns === 1 ? '' : 's'}.`);
  }
  return sentences.join(' ');
}

function textOrNull(value: PlainRow[string] | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

function textList(value: PlainRow[string] | undefined): string[] {
  return Array.isArray(value) ? value.filter((item) => item !== null).map(String) : [];
}
