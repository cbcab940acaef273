import type { Incident } from '../incidents/buildIncidents.js';
import { shortTime } from './renderTable.js';
import { renderTextTable, type TextColumn } from './textTable.js';

const COLUMNS: readonly TextColumn<Incident>[] = [
  { title: 'Incident', minWidth: 7, cell: (incident) => incident.incidentId },
  { title: 'Severity', minWidth: 6, cell: (incident) => `${incident.severity}${incident.severityRaised ? ' ↑' : ''}` },
  { title: 'User', minWidth: 14, cell: (incident) => incident.userPrincipalName ?? incident.userId ?? '' },
  { title: 'First (UTC)', minWidth: 16, cell: (incident) => shortTime(incident.firstSeen) },
  { title: 'Last (UTC)', minWidth: 16, cell: (incident) => shortTime(incident.lastSeen) },
  { title: 'Findings', minWidth: 3, cell: (incident) => String(incident.findings) },
  { title: 'Countries', minWidth: 6, cell: (incident) => incident.countries.join(' ') },
  { title: 'Why', minWidth: 20, cell: (incident) => incident.why },
];

/** Renders the incidents, most severe first, as a text table that fits `width` columns. */
export function renderIncidents(incidents: readonly Incident[], width: number, color: boolean): string {
  if (incidents.length === 0) return '';
  const legend = incidents.some((incident) => incident.severityRaised)
    ? '↑ severity raised because independent detections agree on a sign-in.\n'
    : '';
  return `${renderTextTable(COLUMNS, incidents, width, color)}${legend}`;
}
