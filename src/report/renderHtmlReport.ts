import type { PlainRow } from '../db/Database.js';
import type { RunSummary } from '../commands/buildSummary.js';
import type { Incident as UserIncident } from '../incidents/buildIncidents.js';
import type { RunManifest } from '../provenance/buildManifest.js';
import { jsonReplacer } from '../render/formatValue.js';
import { sanitizeCell } from '../render/sanitizeForTerminal.js';
import { Instant } from '../util/Instant.js';

/** Users whose timelines the report draws, the most flagged first. */
const MAX_TIMELINES = 20;
const CHART_WIDTH = 900;
const CHART_HEIGHT = 70;

interface Incident {
  user: string;
  findings: PlainRow[];
}

/**
 * Renders a self-contained HTML report: the summary, one incident per flagged user, a timeline
 * of each flagged user's sign-ins coloured by country with the flagged ones ringed, the
 * findings and the run manifest. It loads nothing from the network and runs no script, and
 * every value from the evidence is HTML-escaped.
 */
export function renderHtmlReport(
  summary: RunSummary,
  manifest: RunManifest,
  findings: readonly PlainRow[],
  timeline: readonly PlainRow[],
  userIncidents: readonly UserIncident[] | null,
): string {
  const incidents = groupIncidents(findings);
  const sections = [
    renderSummary(summary),
    userIncidents === null ? renderIncidents(incidents) : renderUserIncidents(userIncidents),
    renderTimelines(incidents.slice(0, MAX_TIMELINES), timeline),
    renderFindings(findings),
    `<section><h2>Run manifest</h2><pre>${escapeHtml(JSON.stringify(manifest, jsonReplacer, 2))}</pre></section>`,
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>hunt-cookies report</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
pre { background: #f7f7f7; padding: 1em; overflow: auto; font-size: 0.8em; }
.legend span { display: inline-block; margin-right: 1em; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; margin-right: 0.3em; }
</style>
</head>
<body>
<h1>hunt-cookies report</h1>
${sections.join('\n')}
</body>
</html>
`;
}

function groupIncidents(findings: readonly PlainRow[]): Incident[] {
  const byUser = new Map<string, PlainRow[]>();
  for (const finding of findings) {
    const user = String(finding.UserPrincipalName ?? finding.UserId ?? '?');
    byUser.set(user, [...(byUser.get(user) ?? []), finding]);
  }
  return [...byUser.entries()]
    .map(([user, userFindings]) => ({ user, findings: userFindings }))
    .sort((a, b) => b.findings.length - a.findings.length || a.user.localeCompare(b.user, 'en'));
}

function renderSummary(summary: RunSummary): string {
  const rows = [
    ['Mode', summary.mode],
    ['Reference time', summary.referenceTime?.toISOString() ?? ''],
    ['Files', String(summary.totals.files)],
    ['Sign-ins read', String(summary.totals.rowsRead)],
    ['Rejected', String(summary.totals.rejected)],
    ['Hunted', String(summary.totals.inScope)],
    ...describeIncidentCounts(summary),
    ...summary.detections.map((detection) => [`${detection.title} (${detection.severity})`, String(detection.shown)]),
    ['Suppressed by allow-lists', String(summary.totals.allowListed)],
    ['Suppressed below --min-severity', String(summary.totals.belowMinSeverity)],
  ];
  return `<section id="summary"><h2>Summary</h2>${table(['Item', 'Value'], rows)}</section>`;
}

function describeIncidentCounts(summary: RunSummary): string[][] {
  const incidents = summary.incidents;
  if (incidents === null) return [];
  const bySeverity = (['critical', 'high', 'medium', 'low'] as const).map((severity) => `${incidents.bySeverity[severity]} ${severity}`);
  return [['Incidents', `${incidents.shown} (${bySeverity.join(', ')})`]];
}

function renderIncidents(incidents: readonly Incident[]): string {
  if (incidents.length === 0) return '<section id="incidents"><h2>Incidents</h2><p>No findings.</p></section>';
  const rows = incidents.map((incident) => {
    const times = incident.findings.map((finding) => timeText(finding.EventTime ?? finding.TimeGenerated)).sort();
    const distinct = (name: string) => [...new Set(incident.findings.map((finding) => String(finding[name] ?? '')).filter(Boolean))].join(', ');
    return [incident.user, times[0] ?? '', times.at(-1) ?? '', distinct('DetectionType'), distinct('Country'), distinct('IPAddress'), String(incident.findings.length)];
  });
  return `<section id="incidents"><h2>Incidents</h2>${table(['User', 'First', 'Last', 'Detections', 'Countries', 'IP addresses', 'Findings'], rows)}</section>`;
}

function renderUserIncidents(incidents: readonly UserIncident[]): string {
  if (incidents.length === 0) return '<section id="incidents"><h2>Incidents</h2><p>No incidents.</p></section>';
  const rows = incidents.map((incident) => [
    incident.incidentId,
    `${incident.severity}${incident.severityRaised ? ' (raised: independent detections agree)' : ''}`,
    incident.userPrincipalName ?? incident.userId ?? '',
    timeText(incident.firstSeen),
    timeText(incident.lastSeen),
    incident.detections.map((detection) => `${detection.title} (${detection.findings}, ${detection.severity})`).join('; '),
    incident.countries.join(', '),
    incident.ipAddresses.join(', '),
    String(incident.findings),
    incident.why,
  ]);
  const head = ['Incident', 'Severity', 'User', 'First', 'Last', 'Detections', 'Countries', 'IP addresses', 'Findings', 'Why'];
  return `<section id="incidents"><h2>Incidents</h2>${table(head, rows)}</section>`;
}

function renderTimelines(incidents: readonly Incident[], timeline: readonly PlainRow[]): string {
  const charts = incidents.map((incident) => {
    const userKey = String(incident.findings[0]?.UserId ?? incident.user).toLowerCase();
    const points = timeline.filter((row) => row.user_key === userKey || String(row.user_name).toLowerCase() === incident.user.toLowerCase());
    return `<h3>${escapeHtml(incident.user)}</h3>${renderChart(points)}`;
  });
  return `<section id="timelines"><h2>Timelines</h2><p>Each dot is a sign-in, coloured by country; a red ring marks a flagged sign-in.</p>${charts.join('\n')}</section>`;
}

function renderChart(points: readonly PlainRow[]): string {
  const times = points.map((row) => (row.event_time instanceof Instant ? Number(row.event_time.micros / 1000n) : NaN)).filter(Number.isFinite);
  if (times.length === 0) return '<p>No sign-ins in the window.</p>';
  const first = Math.min(...times);
  const span = Math.max(Math.max(...times) - first, 1);
  const countries = [...new Set(points.map((row) => String(row.country ?? 'unknown')))].sort();

  const dots = points.map((row) => {
    const time = row.event_time instanceof Instant ? Number(row.event_time.micros / 1000n) : first;
    const x = 10 + ((time - first) / span) * (CHART_WIDTH - 20);
    const country = String(row.country ?? 'unknown');
    const y = 15 + (countries.indexOf(country) % 4) * 12;
    const ring = row.flagged === true ? ' stroke="#d00" stroke-width="3"' : '';
    const title = `${timeText(row.event_time)} ${country} ${String(row.ip_address ?? '')} ${String(row.app_display_name ?? '')}`;
    return `<circle cx="${x.toFixed(1)}" cy="${y}" r="5" fill="${countryColour(country)}"${ring}><title>${escapeHtml(title)}</title></circle>`;
  });
  const legend = countries.map((country) => `<span><span class="swatch" style="background:${countryColour(country)}"></span>${escapeHtml(country)}</span>`);
  return `<svg width="${CHART_WIDTH}" height="${CHART_HEIGHT}" role="img">${dots.join('')}</svg><div class="legend">${legend.join('')}</div>`;
}

function renderFindings(findings: readonly PlainRow[]): string {
  const rows = findings.map((finding) => [
    timeText(finding.EventTime ?? finding.TimeGenerated),
    String(finding.DetectionType ?? ''),
    String(finding.UserPrincipalName ?? ''),
    String(finding.IPAddress ?? ''),
    String(finding.Country ?? ''),
    finding.PriorCountry ? `${String(finding.PriorCountry)} (${String(finding.PriorIPAddress ?? '')})` : String(finding.AuthStepResult ?? ''),
    String(finding.AppDisplayName ?? ''),
    finding.SourceLine === null || finding.SourceLine === undefined
      ? `${String(finding.SourceFile ?? '')} row ${String(finding.SourceRow ?? '')}`
      : `${String(finding.SourceFile ?? '')}:${String(finding.SourceLine)}`,
  ]);
  return `<section id="findings"><h2>Findings</h2>${table(['Time (UTC)', 'Detection', 'User', 'IP', 'Country', 'Evidence', 'App', 'Source (file:line, or row)'], rows)}</section>`;
}

function table(head: readonly string[], rows: readonly string[][]): string {
  const header = `<tr>${head.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`);
  return `<table>${header}${body.join('')}</table>`;
}

function timeText(value: PlainRow[string] | Instant | undefined): string {
  return value instanceof Instant ? value.toISOString() : '';
}

/** Returns a stable colour for a country code, spread around the hue circle. */
function countryColour(country: string): string {
  let hash = 0;
  for (const character of country) hash = (hash * 31 + character.charCodeAt(0)) % 360;
  return `hsl(${hash}, 65%, 45%)`;
}

/**
 * Escapes text for HTML. Control and bidirectional characters first become visible escapes
 * (as in the terminal table), because a right-to-left override would reorder a hostile user
 * or app name on the page even though it cannot run anything.
 */
function escapeHtml(text: string): string {
  return sanitizeCell(text).replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
