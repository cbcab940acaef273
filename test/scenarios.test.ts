// Attack and false-positive scenarios for the default mode's detections, incidents and
// allow-lists. Every sign-in is invented; the expected incidents, severities, distances
// (haversine, 6,371 km radius) and speeds were worked out by hand from the steps below.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { makeTempFolder, writeNdjson } from './helpers/fixtures.js';
import { REPO_ROOT, runCli, runCliJson } from './helpers/runCli.js';
import { PLACES, scenarioSignIn, type SignInSpec } from './helpers/scenarioFixtures.js';

const DAY = '2026-03-10';

function at(time: string, day = DAY): string {
  return `${day}T${time}:00Z`;
}

const SCENARIOS: Record<string, SignInSpec[]> = {
  // The victim's MFA passes through the kit; the attacker then replays the session cookie
  // from a hosting network in the same city, with another browser.
  aitmSameCountry: [
    { user: 'nadia@example.test', time: at('08:00'), place: PLACES.london, ip: '203.0.113.10', asn: 64500, session: 'sess-nadia' },
    { user: 'nadia@example.test', time: at('08:12'), place: PLACES.london, ip: '198.51.100.7', asn: 64511, session: 'sess-nadia', auth: 'claim', device: 'linuxChrome' },
  ],
  // The replayed token is used without the user, from abroad, four hours later: too late for
  // the 60-minute travel rule, too fast for an airliner (4,709 km in 240 min).
  replayFromAbroad: [
    { user: 'omar@example.test', time: at('09:00'), place: PLACES.paris, ip: '192.0.2.20', asn: 64500, session: 'sess-omar' },
    { user: 'omar@example.test', time: at('13:00'), place: PLACES.lagos, ip: '203.0.113.66', asn: 64505, session: 'sess-omar', auth: 'claim', device: 'linuxChrome', interactive: false },
  ],
  impossibleTravel: [
    { user: 'pia@example.test', time: at('10:00'), place: PLACES.berlin, ip: '192.0.2.30', asn: 64498, session: 'sess-pia-1' },
    { user: 'pia@example.test', time: at('10:30'), place: PLACES.saoPaulo, ip: '203.0.113.45', asn: 64508, session: 'sess-pia-2' },
  ],
  // Neighbours, 355 km apart, ten minutes between sign-ins.
  fastNeighbours: [
    { user: 'quinn@example.test', time: at('12:00'), place: PLACES.vienna, ip: '192.0.2.40', asn: 64502 },
    { user: 'quinn@example.test', time: at('12:10'), place: PLACES.munich, ip: '192.0.2.41', asn: 64503 },
  ],
  // Across the Rhine: two countries within 20 minutes, but only 5 km apart.
  nearBorder: [
    { user: 'rosa@example.test', time: at('12:00'), place: PLACES.strasbourg, ip: '192.0.2.50', asn: 64504 },
    { user: 'rosa@example.test', time: at('12:20'), place: PLACES.kehl, ip: '192.0.2.51', asn: 64504 },
  ],
  // One country, 3,935 km in 90 minutes.
  travelWithinCountry: [
    { user: 'sam@example.test', time: at('08:00'), place: PLACES.newYork, ip: '192.0.2.90', asn: 64497 },
    { user: 'sam@example.test', time: at('09:30'), place: PLACES.losAngeles, ip: '192.0.2.91', asn: 64497 },
  ],
  // The user's own corporate VPN exits in another country 20 minutes later.
  vpnExit: [
    { user: 'vera@example.test', time: at('11:00'), place: PLACES.berlin, ip: '192.0.2.60', asn: 64498 },
    { user: 'vera@example.test', time: at('11:20'), place: PLACES.amsterdam, ip: '198.51.100.201', asn: 64496 },
  ],
  // A real flight: London to Paris in 150 minutes (343 km, 137 km/h).
  realFlight: [
    { user: 'walt@example.test', time: at('08:00'), place: PLACES.london, ip: '192.0.2.100', asn: 64499 },
    { user: 'walt@example.test', time: at('10:30'), place: PLACES.paris, ip: '192.0.2.101', asn: 64500 },
  ],
  // A long-haul flight: New York to London in 7 hours (5,570 km, 796 km/h).
  longHaulFlight: [
    { user: 'xena@example.test', time: at('12:00'), place: PLACES.newYork, ip: '192.0.2.110', asn: 64497 },
    { user: 'xena@example.test', time: at('19:00'), place: PLACES.london, ip: '192.0.2.111', asn: 64499 },
  ],
  // A persistent browser session reused at home for days; the home address changes, the
  // provider does not.
  persistentSession: [
    { user: 'hana@example.test', time: at('08:00'), place: PLACES.london, ip: '203.0.113.50', asn: 64501, session: 'sess-hana', app: 'Microsoft Teams' },
    { user: 'hana@example.test', time: at('09:00', '2026-03-12'), place: PLACES.london, ip: '203.0.113.51', asn: 64501, session: 'sess-hana', app: 'Microsoft Teams', auth: 'single-factor-claim' },
    { user: 'hana@example.test', time: at('09:00', '2026-03-13'), place: PLACES.london, ip: '203.0.113.52', asn: 64501, session: 'sess-hana', app: 'Microsoft Teams', auth: 'single-factor-claim' },
  ],
  // Two administrators on two continents use the same emergency account.
  breakGlass: [
    { user: 'breakglass@example.test', time: at('14:00'), place: PLACES.seattle, ip: '192.0.2.70', asn: 64497 },
    { user: 'breakglass@example.test', time: at('14:25'), place: PLACES.london, ip: '203.0.113.70', asn: 64499 },
  ],
  // A token used from another provider an hour after an interactive sign-in in the same country.
  tokenNewAsn: [
    { user: 'tara@example.test', time: at('09:00'), place: PLACES.paris, ip: '192.0.2.80', asn: 64500, session: 'sess-tara-1' },
    { user: 'tara@example.test', time: at('10:00'), place: PLACES.paris, ip: '192.0.2.81', asn: 64511, session: 'sess-tara-2', auth: 'claim', interactive: false },
  ],
};

async function writeScenario(name: string): Promise<string> {
  const folder = await makeTempFolder();
  await writeNdjson(folder, `${name}.ndjson`, SCENARIOS[name]!.map(scenarioSignIn));
  return folder;
}

interface IncidentJson {
  incidentId: string;
  severity: string;
  severityRaised: boolean;
  userPrincipalName: string;
  findings: number;
  detections: { detectionType: string; severity: string; findings: number; example: string | null }[];
  countries: string[];
  ipAddresses: string[];
  asns: number[];
  why: string;
}

interface ScenarioJson {
  incidents: IncidentJson[];
  findings: Record<string, unknown>[];
  suppressedFindings?: Record<string, unknown>[];
  totals: { findings: number; shownFindings: number; allowListed: number; belowMinSeverity: number };
}

async function huntScenario(name: string, args: string[] = []) {
  const folder = await writeScenario(name);
  const result = await runCliJson([...args, folder]);
  return { code: result.code, json: result.json as unknown as ScenarioJson & { incidents: IncidentJson[] }, summary: result.json as unknown as Record<string, unknown> };
}

/** Reduces an incident to its severity and the detections behind it, as [type, severity, findings]. */
function outline(incident: IncidentJson) {
  return {
    severity: incident.severity,
    raised: incident.severityRaised,
    user: incident.userPrincipalName,
    findings: incident.findings,
    detections: incident.detections.map((detection) => [detection.detectionType, detection.severity, detection.findings]),
    countries: incident.countries,
    ipAddresses: incident.ipAddresses,
    asns: incident.asns,
  };
}

function findingOf(json: ScenarioJson, detectionType: string): Record<string, unknown> {
  const finding = json.findings.find((candidate) => candidate.DetectionType === detectionType);
  if (finding === undefined) throw new Error(`no ${detectionType} finding in ${JSON.stringify(json.findings.map((item) => item.DetectionType))}`);
  return finding;
}

describe('attack scenarios', () => {
  it('AiTM replay in the same country', async () => {
    const { code, json } = await huntScenario('aitmSameCountry');
    expect(code).toBe(1);
    expect(json.incidents.map(outline)).toEqual([
      {
        severity: 'critical',
        raised: true,
        user: 'nadia@example.test',
        findings: 2,
        detections: [
          ['SessionReplay', 'high', 1],
          ['ClaimFromNewContext', 'medium', 1],
        ],
        countries: ['GB'],
        ipAddresses: ['198.51.100.7', '203.0.113.10'],
        asns: [64500, 64511],
      },
    ]);
    expect(findingOf(json, 'SessionReplay').Reason).toBe('session changed ASN 64500 to 64511; device windows/edge to linux/chrome');
    expect(findingOf(json, 'ClaimFromNewContext').Reason).toBe('token claim from IP 198.51.100.7, ASN 64511 with no fresh MFA there');
    expect(json.incidents[0]!.why).toBe(
      'Session replay: session changed ASN 64500 to 64511; device windows/edge to linux/chrome. Also claim from new context. Independent detections agree on 1 sign-in.',
    );
  });

  it('replay from abroad', async () => {
    const { code, json } = await huntScenario('replayFromAbroad');
    expect(code).toBe(1);
    expect(json.incidents.map(outline)).toEqual([
      {
        severity: 'critical',
        raised: true,
        user: 'omar@example.test',
        findings: 4,
        detections: [
          ['ClaimFromNewContext', 'high', 1],
          ['SessionReplay', 'high', 1],
          ['TokenNewContext', 'high', 1],
          ['Velocity', 'high', 1],
        ],
        countries: ['FR', 'NG'],
        ipAddresses: ['192.0.2.20', '203.0.113.66'],
        asns: [64500, 64505],
      },
    ]);
    const velocity = findingOf(json, 'Velocity');
    expect(velocity.DistanceKm).toBeCloseTo(4708.99, 1);
    expect(velocity.SpeedKmh).toBeCloseTo(1177.25, 1);
    expect(velocity.TimeDiffMinutes).toBe(240);
  });

  it('impossible travel', async () => {
    const { code, json } = await huntScenario('impossibleTravel');
    expect(code).toBe(1);
    expect(json.incidents.map(outline)).toEqual([
      {
        severity: 'high',
        raised: false,
        user: 'pia@example.test',
        findings: 2,
        detections: [
          ['ImpossibleTravel', 'high', 1],
          ['Velocity', 'high', 1],
        ],
        countries: ['BR', 'DE'],
        ipAddresses: ['192.0.2.30', '203.0.113.45'],
        asns: [64498, 64508],
      },
    ]);
    const travel = findingOf(json, 'ImpossibleTravel');
    expect(travel.TimeDiffMinutes).toBe(30);
    expect(travel.DistanceKm).toBeCloseTo(10252.91, 1);
    expect(travel.SpeedKmh).toBeCloseTo(20505.82, 1);
  });

  it('fast travel between neighbours', async () => {
    const { code, json } = await huntScenario('fastNeighbours');
    expect(code).toBe(1);
    expect(json.incidents.map(outline)).toEqual([
      {
        severity: 'high',
        raised: false,
        user: 'quinn@example.test',
        findings: 2,
        detections: [
          ['ImpossibleTravel', 'high', 1],
          ['Velocity', 'high', 1],
        ],
        countries: ['AT', 'DE'],
        ipAddresses: ['192.0.2.40', '192.0.2.41'],
        asns: [64502, 64503],
      },
    ]);
    expect(findingOf(json, 'Velocity').DistanceKm).toBeCloseTo(355.21, 1);
    expect(findingOf(json, 'Velocity').SpeedKmh).toBeCloseTo(2131.27, 1);
  });

  it('fast travel within one country', async () => {
    const { code, json } = await huntScenario('travelWithinCountry');
    expect(code).toBe(1);
    expect(json.incidents.map(outline)).toEqual([
      {
        severity: 'high',
        raised: false,
        user: 'sam@example.test',
        findings: 1,
        detections: [['Velocity', 'high', 1]],
        countries: ['US'],
        ipAddresses: ['192.0.2.90', '192.0.2.91'],
        asns: [64497],
      },
    ]);
    expect(findingOf(json, 'Velocity').SpeedKmh).toBeCloseTo(2623.48, 1);
  });

  it('token from a new ASN, corroborated', async () => {
    const { code, json } = await huntScenario('tokenNewAsn');
    expect(code).toBe(1);
    expect(json.incidents.map(outline)).toEqual([
      {
        severity: 'high',
        raised: true,
        user: 'tara@example.test',
        findings: 2,
        detections: [
          ['ClaimFromNewContext', 'medium', 1],
          ['TokenNewContext', 'medium', 1],
        ],
        countries: ['FR'],
        ipAddresses: ['192.0.2.80', '192.0.2.81'],
        asns: [64500, 64511],
      },
    ]);
    expect(findingOf(json, 'TokenNewContext').Reason).toBe('token used from ASN 64511, not seen in interactive sign-ins within 24 h');
  });
});

describe('false positives from the rule page', () => {
  it('near-border hop is not travel', async () => {
    const { code, json } = await huntScenario('nearBorder');
    expect(code).toBe(0);
    expect(json.incidents).toEqual([]);
    expect(json.totals.findings).toBe(0);

    // The Sentinel rule, reproduced as written, flags it.
    const kql = await runCliJson(['--kql-compat', '--now', at('12:30'), await writeScenario('nearBorder')]);
    expect(kql.code).toBe(1);
    expect(kql.json.findings.map((finding) => finding.DetectionType)).toEqual(['ImpossibleTravel']);
  });

  it.each(['realFlight', 'longHaulFlight'])('%s is not flagged', async (name) => {
    const { code, json } = await huntScenario(name);
    expect(code).toBe(0);
    expect(json.incidents).toEqual([]);
    expect(json.totals.findings).toBe(0);
  });

  it('persistent session at home is low', async () => {
    const { code, json } = await huntScenario('persistentSession');
    expect(code).toBe(1);
    expect(json.incidents.map(outline)).toEqual([
      {
        severity: 'low',
        raised: false,
        user: 'hana@example.test',
        findings: 2,
        detections: [['MFABypassCookieReuse', 'low', 2]],
        countries: ['GB'],
        ipAddresses: ['203.0.113.51', '203.0.113.52'],
        asns: [64501],
      },
    ]);
  });

  it('persistent session below --min-severity', async () => {
    const { code, json, summary } = await huntScenario('persistentSession', ['--min-severity', 'medium', '--show-suppressed']);
    expect(code).toBe(0);
    expect(json.incidents).toEqual([]);
    expect(json.totals).toMatchObject({ findings: 2, shownFindings: 0, allowListed: 0, belowMinSeverity: 2 });
    expect(summary.incidents).toBeDefined();
    expect((json.suppressedFindings ?? []).map((finding) => finding.SuppressedBy)).toEqual([
      'incident below --min-severity medium',
      'incident below --min-severity medium',
    ]);
  });

  it('VPN exit is flagged without an allow-list', async () => {
    const { code, json } = await huntScenario('vpnExit');
    expect(code).toBe(1);
    expect(json.incidents.map(outline)).toEqual([
      {
        severity: 'high',
        raised: false,
        user: 'vera@example.test',
        findings: 2,
        detections: [
          ['ImpossibleTravel', 'high', 1],
          ['Velocity', 'high', 1],
        ],
        countries: ['DE', 'NL'],
        ipAddresses: ['192.0.2.60', '198.51.100.201'],
        asns: [64496, 64498],
      },
    ]);
    expect(findingOf(json, 'Velocity').SpeedKmh).toBeCloseTo(1730.04, 1);
  });

  it('VPN exit suppressed by --allow-ip', async () => {
    const { code, json } = await huntScenario('vpnExit', ['--allow-ip', '198.51.100.200/29', '--show-suppressed']);
    expect(code).toBe(0);
    expect(json.incidents).toEqual([]);
    expect(json.findings).toEqual([]);
    expect(json.totals).toMatchObject({ findings: 2, shownFindings: 0, allowListed: 2, belowMinSeverity: 0 });
    expect((json.suppressedFindings ?? []).map((finding) => [finding.DetectionType, finding.SuppressedBy])).toEqual([
      ['ImpossibleTravel', 'ip 198.51.100.200/29 (--allow-ip)'],
      ['Velocity', 'ip 198.51.100.200/29 (--allow-ip)'],
    ]);
  });

  it('VPN exit suppressed by a YAML config', async () => {
    const folder = await makeTempFolder();
    const config = path.join(folder, 'customer.yaml');
    await writeFile(config, 'allow:\n  ips:\n    - value: 198.51.100.200/29\n      note: corporate VPN\n');
    const { code, json } = await huntScenario('vpnExit', ['--config', config, '--show-suppressed']);
    expect(code).toBe(0);
    expect((json.suppressedFindings ?? []).map((finding) => finding.SuppressedBy)).toEqual([
      'ip 198.51.100.200/29 (corporate VPN)',
      'ip 198.51.100.200/29 (corporate VPN)',
    ]);
  });

  it('VPN exit suppressed by ASN', async () => {
    const { code, json } = await huntScenario('vpnExit', ['--allow-asn', 'AS64496']);
    expect(code).toBe(0);
    expect(json.totals.allowListed).toBe(2);
  });

  it('IPv6 VPN range from a JSON config', async () => {
    const folder = await makeTempFolder();
    const records = SCENARIOS.vpnExit!.map((step, index) => scenarioSignIn(index === 1 ? { ...step, ip: '2001:db8:5::10' } : step));
    await writeNdjson(folder, 'vpn6.ndjson', records);
    const config = path.join(folder, 'customer.json');
    await writeFile(config, JSON.stringify({ allow: { ips: ['2001:DB8:5::/48'] } }));

    const without = await runCliJson([path.join(folder, 'vpn6.ndjson')]);
    expect(without.code).toBe(1);
    const allowed = await runCliJson(['--config', config, path.join(folder, 'vpn6.ndjson')]);
    expect(allowed.code).toBe(0);
    expect((allowed.json as unknown as ScenarioJson).totals.allowListed).toBe(2);
  });

  it('break-glass account suppressed by --allow-user', async () => {
    const flagged = await huntScenario('breakGlass');
    expect(flagged.code).toBe(1);
    expect(flagged.json.incidents.map((incident) => [incident.userPrincipalName, incident.severity])).toEqual([['breakglass@example.test', 'high']]);

    const { code, json } = await huntScenario('breakGlass', ['--allow-user', 'BreakGlass@Example.test']);
    expect(code).toBe(0);
    expect(json.incidents).toEqual([]);
    expect(json.totals.allowListed).toBe(2);
  });
});

describe('all scenarios together', () => {
  it('orders incidents most severe first', async () => {
    const folder = await makeTempFolder();
    for (const [name, steps] of Object.entries(SCENARIOS)) await writeNdjson(folder, `${name}.ndjson`, steps.map(scenarioSignIn));
    const { code, json } = await runCliJson([folder]);
    expect(code).toBe(1);
    const incidents = (json as unknown as ScenarioJson).incidents;
    expect(incidents.map((incident) => [incident.incidentId, incident.userPrincipalName, incident.severity])).toEqual([
      ['INC-001', 'nadia@example.test', 'critical'],
      ['INC-002', 'omar@example.test', 'critical'],
      ['INC-003', 'sam@example.test', 'high'],
      ['INC-004', 'tara@example.test', 'high'],
      ['INC-005', 'pia@example.test', 'high'],
      ['INC-006', 'vera@example.test', 'high'],
      ['INC-007', 'quinn@example.test', 'high'],
      ['INC-008', 'breakglass@example.test', 'high'],
      ['INC-009', 'hana@example.test', 'low'],
    ]);
    // Every shown finding names its incident.
    const ids = new Set(incidents.map((incident) => incident.incidentId));
    expect((json as unknown as ScenarioJson).findings.every((finding) => ids.has(String(finding.IncidentId)))).toBe(true);
  });

  it('--only and --skip choose detections', async () => {
    const folder = await writeScenario('replayFromAbroad');
    const only = await runCliJson(['--only', 'velocity,session-replay', folder]);
    expect(only.json.findings.map((finding) => finding.DetectionType).sort()).toEqual(['SessionReplay', 'Velocity']);
    const skip = await runCliJson(['--skip', 'velocity', '--skip', 'token-new-context', folder]);
    expect(skip.json.findings.map((finding) => finding.DetectionType).sort()).toEqual(['ClaimFromNewContext', 'SessionReplay']);
  });

  it('--window takes minutes or a duration', async () => {
    const folder = await writeScenario('impossibleTravel');
    const minutes = await runCliJson(['--only', 'impossible-travel', '--window', '20', folder]);
    const duration = await runCliJson(['--only', 'impossible-travel', '--window', '20m', folder]);
    const wider = await runCliJson(['--only', 'impossible-travel', '--window', '1h', folder]);
    expect(minutes.json.findings).toEqual([]);
    expect(duration.json.findings).toEqual([]);
    expect(wider.json.findings.map((finding) => finding.DetectionType)).toEqual(['ImpossibleTravel']);
  });

  it('--max-speed and --velocity-window tune velocity', async () => {
    const folder = await writeScenario('replayFromAbroad');
    const slower = await runCliJson(['--only', 'velocity', '--max-speed', '1200', folder]);
    expect(slower.json.findings).toEqual([]);
    const shorter = await runCliJson(['--only', 'velocity', '--velocity-window', '3h', folder]);
    expect(shorter.json.findings).toEqual([]);
    const wider = await runCliJson(['--only', 'velocity', '--velocity-window', '4h', folder]);
    expect(wider.json.findings.length).toBe(1);
  });
});

describe('allow-list and threshold details', () => {
  it('app entry by name or id suppresses alike', async () => {
    const samples = path.join(REPO_ROOT, 'samples');
    const byName = await runCliJson(['--allow-app', 'Microsoft Teams', samples]);
    const byId = await runCliJson(['--allow-app', '00000000-0000-4000-C000-000000000002', samples]);
    expect(byName.json.totals.allowListed).toBeGreaterThan(0);
    expect(byId.json.totals.allowListed).toBe(byName.json.totals.allowListed);
    expect(byName.json.findings.every((finding) => finding.AppDisplayName !== 'Microsoft Teams')).toBe(true);
    // The label keeps the value as written.
    const listed = await runCliJson(['--allow-app', 'Microsoft Teams', '--show-suppressed', samples]);
    expect(listed.json.suppressedFindings?.[0]?.SuppressedBy).toBe('app Microsoft Teams (--allow-app)');
  });

  it('hidden incidents are listed with --show-suppressed', async () => {
    const { json } = await runCliJson(['--min-severity', 'high', '--show-suppressed', path.join(REPO_ROOT, 'samples')]);
    const hidden = (json as unknown as { suppressedIncidents: { incidentId: string; severity: string }[] }).suppressedIncidents;
    expect(hidden.map((incident) => [incident.incidentId, incident.severity])).toEqual([
      ['INC-009', 'medium'],
      ['INC-010', 'low'],
    ]);
    const named = new Set([...(json.incidents ?? []), ...hidden].map((incident) => incident.incidentId));
    expect((json.suppressedFindings ?? []).every((finding) => named.has(String(finding.IncidentId)))).toBe(true);
  });

  it('same-instant travel names the distance', async () => {
    const folder = await makeTempFolder();
    await writeNdjson(folder, 'same.ndjson', [
      scenarioSignIn({ user: 'uma@example.test', time: at('09:00'), place: PLACES.paris, ip: '192.0.2.200', asn: 64500 }),
      scenarioSignIn({ user: 'uma@example.test', time: at('09:00'), place: PLACES.newYork, ip: '192.0.2.201', asn: 64497 }),
    ]);
    const { json } = await runCliJson([folder]);
    const reasons = json.findings.map((finding) => [finding.DetectionType, finding.Reason]);
    // Paris to New York by haversine on the fixture coordinates: 5,837 km.
    expect(reasons).toContainEqual(['Velocity', '5837 km from Paris in 0.0 min (same instant)']);
    expect(reasons.find((reason) => reason[0] === 'ImpossibleTravel')?.[1]).toMatch(/^(FR to US|US to FR) in 0\.0 min, 5837 km apart at the same instant$/);
  });

  it('why names the fastest travel', async () => {
    const { json } = await runCliJson([path.join(REPO_ROOT, 'samples')]);
    const frank = json.incidents?.find((incident) => incident.userPrincipalName === 'frank@example.com');
    expect(frank?.why.startsWith('Velocity ×2: 4709 km from Paris in 20.0 min, 14127 km/h.')).toBe(true);
  });
});

describe('README config example', () => {
  it('is a valid config', async () => {
    const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const example = /```yaml\n(allow:[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const folder = await makeTempFolder();
    const config = path.join(folder, 'customer.yaml');
    await writeFile(config, example!);
    const { code, json } = await runCliJson(['--config', config, path.join(REPO_ROOT, 'samples')]);
    expect(code).toBe(1);
    // The example allow-lists the VPN range, AS64496 (Amsterdam) and the break-glass account.
    expect(json.incidents?.map((incident) => incident.userPrincipalName)).not.toContain('vera@example.com');
    expect(json.incidents?.map((incident) => incident.userPrincipalName)).not.toContain('breakglass@example.com');
    expect(json.findings.some((finding) => finding.DetectionType === 'MFABypassCookieReuse')).toBe(false);
  });
});

describe('tuning errors', () => {
  it.each([
    [['--only', 'teleport'], '--only: unknown detection "teleport". Detections: '],
    [['--allow-ip', '300.1.1.1'], '--allow-ip: invalid IP address or CIDR range "300.1.1.1"'],
    [['--allow-ip', '198.51.100.0/33'], '--allow-ip: invalid IP address or CIDR range "198.51.100.0/33"'],
    [['--allow-country', 'Germany'], '--allow-country: invalid country "Germany"'],
    [['--allow-asn', 'AS-1'], '--allow-asn: invalid ASN "AS-1"'],
    [['--min-severity', 'urgent'], '--min-severity: invalid severity "urgent"'],
    [['--max-speed', 'fast'], '--max-speed: invalid number "fast"'],
    [['--kql-compat', '--allow-user', 'a@example.test'], '--allow-user: not available with --kql-compat'],
    [['--max-speed', '1e19'], '--max-speed: invalid number "1e19"'],
    [['--max-speed', '0x10'], '--max-speed: invalid number "0x10"'],
    [['--max-speed', '2000000'], '--max-speed: "2000000" is out of range. Use 1 to 1000000 km/h.'],
    [['--velocity-window', '10000000000d'], '--velocity-window: "10000000000d" is out of range.'],
    [['--context-window', '400d'], '--context-window: "400d" is out of range.'],
    [['--min-distance', '30000'], '--min-distance: "30000" is out of range.'],
    [['--allow-country', 'uk'], 'Entra writes the United Kingdom as GB'],
    [['--allow-country', 'ZZ'], '--allow-country: invalid country "ZZ"'],
    [['--allow-asn', '0'], '--allow-asn: invalid ASN "0"'],
    [['--allow-ip', ''], '--allow-ip: empty IP address value'],
    [['--allow-user', ' '], '--allow-user: empty user value'],
    [['--only', ''], '--only: unknown detection ""'],
    [['--max-speed', '-5'], '--max-speed: invalid number "-5". Write a positive decimal number'],
    [['--memory-limit', '128MB'], '--memory-limit: invalid memory size "128MB". Use a size of at least 256MB'],
  ])('%j is rejected', async (args, message) => {
    const folder = await writeScenario('realFlight');
    const result = await runCli([...args, folder]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('config with an unknown key is rejected', async () => {
    const folder = await writeScenario('realFlight');
    const config = path.join(folder, 'customer.yaml');
    await writeFile(config, 'allow:\n  ip: [198.51.100.0/24]\n');
    const result = await runCli(['--config', config, folder]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--config ${config}: unknown key "allow.ip". Known keys: allow.ips, allow.asns, allow.countries, allow.users, allow.apps.`);
  });

  it.each([
    ['unitless duration', 'c.yaml', 'velocityWindow: 24\n', 'velocityWindow: 24 has no unit. Write a duration such as 24h or 24m.'],
    ['duplicate JSON key', 'c.json', '{"allow":{"ips":["192.0.2.1"]},"allow":{"users":["x@example.test"]}}', 'invalid JSON'],
    ['typo in only', 'c.yaml', 'only: [velocty]\n', ': only: unknown detection "velocty"'],
    ['unknown YAML tag', 'c.yaml', 'allow:\n  users: [!!js/function "x"]\n', 'invalid YAML at line 2'],
  ])('config with %s is rejected', async (_label, name, text, message) => {
    const folder = await writeScenario('realFlight');
    const config = path.join(folder, name);
    await writeFile(config, text);
    const result = await runCli(['--config', config, folder]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('Warning');
  });

  it('config with invalid YAML is rejected', async () => {
    const folder = await writeScenario('realFlight');
    const config = path.join(folder, 'customer.yaml');
    await writeFile(config, 'allow: [unclosed\n');
    const result = await runCli(['--config', config, folder]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--config ${config}: invalid YAML`);
    expect(result.stderr.trim()).not.toMatch(/:$/);
  });
});
