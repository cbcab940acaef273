import type { Incident } from '../incidents/buildIncidents.js';
import { renderTextTable, type TextColumn } from './textTable.js';

const COLUMNS: readonly TextColumn<Incident>[] = [
  { title: 'Incident', minWidth: 7, cell: (incident) => incident.incidentId },
  { title: 'Severity', minWidth: 10, cell: (incident) => `${incident.severity}${incident.severityRaised ? ' ↑' : ''}` },
  { title: 'User', minWidth: 14, cell: (incident) => incident.userPrincipalName ?? incident.userId ?? '' },
  { title: 'Time (UTC)', minWidth: 16, cell: (incident) => describeSpan(incident) },
  { title: 'Findings', minWidth: 3, cell: (incident) => String(incident.findings) },
  { title: 'Countries', minWidth: 6, cell: (incident) => incident.countries.join(' ') },
  { title: 'Why', minWidth: 20, wrap: true, cell: (incident) => incident.why },
];

/** Renders the incidents, most severe first, as a text table that fits `width` columns. */
export function renderIncidents(incidents: readonly Incident[], width: number, color: boolean, quiet = false): string {
  if (incidents.length === 0) return '';
  const legend = !quiet && incidents.some((incident) => incident.severityRaised)
    ? '↑ severity raised because independent detections agree on a sign-in.\n'
    : '';
  return `${renderTextTable(COLUMNS, incidents, width, color)}${legend}`;
}

/** `2026-11-02 08:40 to 08:52`, naming the last date only when it differs from the first. */
function describeSpan(incident: Incident): string {
  const first = incident.firstSeen?.toISOString() ?? '';
  const last = incident.lastSeen?.toISOString() ?? '';
  const start = `${first.slice(0, 10)} ${first.slice(11, 16)}`;
  if (last === '' || last.slice(0, 16) === first.slice(0, 16)) return start;
  const end = last.slice(0, 10) === first.slice(0, 10) ? last.slice(11, 16) : `${last.slice(0, 10)} ${last.slice(11, 16)}`;
  return `${start} to ${end}`;
}
