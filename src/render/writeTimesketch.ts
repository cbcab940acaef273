import type { Writable } from 'node:stream';

import type { PlainRow } from '../db/Database.js';
import type { Mode } from '../detect/Mode.js';
import type { FindingSet } from '../findings/readFindings.js';
import { Instant } from '../util/Instant.js';
import { jsonReplacer } from './formatValue.js';
import { writeText } from './writeText.js';

/**
 * Writes the findings as a Timesketch timeline (JSON lines): one event per finding at the
 * flagged sign-in's time, with the fields Timesketch requires (`message`, `datetime`,
 * `timestamp` in microseconds, `timestamp_desc`) and the finding's context and provenance.
 * `severities` maps a DetectionId to the severity in its SQL header.
 */
export async function writeTimesketch(stream: Writable, findings: FindingSet, mode: Mode, severities: Map<string, string>): Promise<void> {
  const timeColumn = mode === 'kql-compat' ? 'TimeGenerated' : 'EventTime';
  for await (const batch of findings.batches()) {
    const events = batch.flatMap((finding) => {
      const time = finding[timeColumn];
      if (!(time instanceof Instant)) return [];
      return [`${JSON.stringify(toEvent(finding, time, mode, severities), jsonReplacer)}\n`];
    });
    await writeText(stream, events.join(''));
  }
}

function toEvent(finding: PlainRow, time: Instant, mode: Mode, severities: Map<string, string>) {
  return {
    message: describe(finding),
    datetime: time.toISOString(),
    timestamp: time.micros,
    timestamp_desc: mode === 'kql-compat' ? 'Log Analytics TimeGenerated' : 'Sign-in time (CreatedDateTime)',
    detection: finding.DetectionType,
    detection_id: finding.DetectionId,
    severity: finding.Severity ?? severities.get(String(finding.DetectionId)) ?? 'unknown',
    user: finding.UserPrincipalName,
    user_id: finding.UserId,
    ip: finding.IPAddress,
    country: finding.Country,
    asn: finding.AutonomousSystemNumber,
    session: finding.SessionId,
    app: finding.AppDisplayName,
    prior_ip: finding.PriorIPAddress,
    prior_country: finding.PriorCountry,
    time_diff_minutes: finding.TimeDiffMinutes,
    distance_km: finding.DistanceKm,
    speed_kmh: finding.SpeedKmh,
    reason: finding.Reason,
    incident_id: finding.IncidentId,
    source_file: finding.SourceFile,
    source_row: finding.SourceRow,
    source_sha256: finding.SourceSha256,
  };
}

function describe(finding: PlainRow): string {
  const user = String(finding.UserPrincipalName ?? finding.UserId ?? '?');
  const place = `${String(finding.Country ?? '?')} (${String(finding.IPAddress ?? '?')})`;
  const prior =
    finding.PriorCountry === null || finding.PriorCountry === undefined
      ? ''
      : `, ${Number(finding.TimeDiffMinutes).toFixed(1)} min after ${String(finding.PriorCountry)} (${String(finding.PriorIPAddress ?? '?')})`;
  const app = finding.AppDisplayName ? `, app ${String(finding.AppDisplayName)}` : '';
  const reason = finding.Reason ? ` (${String(finding.Reason)})` : '';
  return `${String(finding.DetectionType)}: ${user} from ${place}${prior}${app}${reason}`;
}
