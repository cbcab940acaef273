// The bundled sample tenant (samples/, written by scripts/generate-samples.mjs) contains the same
// 54 sign-ins as JSON, CSV and Parquet. The expected findings below were worked out by hand from
// the scenario list in samples/README.md, not copied from the tool's output.
import { describe, expect, it } from 'vitest';

import { runCliJson, type HuntJson } from './helpers/runCli.js';

type Finding = HuntJson['findings'][number];
type Mode = 'default' | 'kql-compat';

const SIGN_INS_PER_FORMAT = 54;
const INTERACTIVE_PER_FORMAT = 39;
const NON_INTERACTIVE_PER_FORMAT = 15;

/** Fields of a finding that the expected tables pin. */
function summarize(finding: Finding) {
  return {
    DetectionType: finding.DetectionType,
    UserPrincipalName: finding.UserPrincipalName,
    Country: finding.Country,
    PriorCountry: finding.PriorCountry,
    TimeDiffMinutes: finding.TimeDiffMinutes,
    EventTime: finding.EventTime,
    TimeGenerated: finding.TimeGenerated,
    PriorSignIn: finding.PriorSignIn,
    AuthStepResult: finding.AuthStepResult,
  };
}

// The default mode's findings of the rule's two steps, newest first by CreatedDateTime. Travel
// compares elapsed CreatedDateTime, so 25, 20, 40 and 15 minutes are exact. PriorSignIn is the
// CreatedDateTime of the nearest earlier sign-in from another country.
const DEFAULT_FINDINGS = [
  // breakglass: the shared account, US then GB.
  {
    DetectionType: 'ImpossibleTravel',
    UserPrincipalName: 'breakglass@example.com',
    Country: 'GB',
    PriorCountry: 'US',
    TimeDiffMinutes: 25,
    EventTime: '2026-11-02T14:45:00.000000Z',
    TimeGenerated: '2026-11-02T14:47:30.000000Z',
    PriorSignIn: '2026-11-02T14:20:00.000000Z',
    AuthStepResult: null,
  },
  // carol: the claim is named only in Status.additionalDetails, and AuthenticationDetails is [].
  {
    DetectionType: 'MFABypassCookieReuse',
    UserPrincipalName: 'carol@example.com',
    Country: 'GB',
    PriorCountry: null,
    TimeDiffMinutes: null,
    EventTime: '2026-11-02T13:47:21.606000Z',
    TimeGenerated: '2026-11-02T13:49:50.002000Z',
    PriorSignIn: null,
    AuthStepResult: 'MFA requirement satisfied by claim in the token',
  },
  // heidi: Heidi@Example.com in SE, then heidi@example.com in JP; same UserId.
  {
    DetectionType: 'ImpossibleTravel',
    UserPrincipalName: 'heidi@example.com',
    Country: 'JP',
    PriorCountry: 'SE',
    TimeDiffMinutes: 40,
    EventTime: '2026-11-02T13:10:10.010000Z',
    TimeGenerated: '2026-11-02T13:12:59.999000Z',
    PriorSignIn: '2026-11-02T12:30:10.010000Z',
    AuthStepResult: null,
  },
  // vera: the VPN exit in NL, 20 minutes after DE.
  {
    DetectionType: 'ImpossibleTravel',
    UserPrincipalName: 'vera@example.com',
    Country: 'NL',
    PriorCountry: 'DE',
    TimeDiffMinutes: 20,
    EventTime: '2026-11-02T11:50:00.000000Z',
    TimeGenerated: '2026-11-02T11:52:30.000000Z',
    PriorSignIn: '2026-11-02T11:30:00.000000Z',
    AuthStepResult: null,
  },
  // frank: the NG sign-in is in AADNonInteractiveUserSignInLogs.
  {
    DetectionType: 'ImpossibleTravel',
    UserPrincipalName: 'frank@example.com',
    Country: 'NG',
    PriorCountry: 'FR',
    TimeDiffMinutes: 20,
    EventTime: '2026-11-02T10:50:20.200000Z',
    TimeGenerated: '2026-11-02T10:53:37.815000Z',
    PriorSignIn: '2026-11-02T10:30:20.200000Z',
    AuthStepResult: null,
  },
  // carol: the first step's method is "Previously satisfied"; its result names no rule term.
  {
    DetectionType: 'MFABypassCookieReuse',
    UserPrincipalName: 'carol@example.com',
    Country: 'GB',
    PriorCountry: null,
    TimeDiffMinutes: null,
    EventTime: '2026-11-02T10:12:33.780000Z',
    TimeGenerated: '2026-11-02T10:15:02.019000Z',
    PriorSignIn: null,
    AuthStepResult: 'First factor requirement satisfied by claim in the token',
  },
  // alice: one finding, paired with the nearer of her two DE sign-ins.
  {
    DetectionType: 'ImpossibleTravel',
    UserPrincipalName: 'alice@example.com',
    Country: 'BR',
    PriorCountry: 'DE',
    TimeDiffMinutes: 25,
    EventTime: '2026-11-02T09:45:44.907000Z',
    TimeGenerated: '2026-11-02T09:48:12.004000Z',
    PriorSignIn: '2026-11-02T09:20:44.907000Z',
    AuthStepResult: null,
  },
  {
    DetectionType: 'MFABypassCookieReuse',
    UserPrincipalName: 'alice@example.com',
    Country: 'BR',
    PriorCountry: null,
    TimeDiffMinutes: null,
    EventTime: '2026-11-02T09:45:44.907000Z',
    TimeGenerated: '2026-11-02T09:48:12.004000Z',
    PriorSignIn: null,
    AuthStepResult: 'First factor requirement satisfied by Token broker',
  },
  // judy: three days before the newest sign-in; the default mode scans the whole input.
  {
    DetectionType: 'ImpossibleTravel',
    UserPrincipalName: 'judy@example.com',
    Country: 'AU',
    PriorCountry: 'NL',
    TimeDiffMinutes: 15,
    EventTime: '2026-10-30T16:25:00.250000Z',
    TimeGenerated: '2026-10-30T16:27:45.125000Z',
    PriorSignIn: '2026-10-30T16:10:00.250000Z',
    AuthStepResult: null,
  },
];

// Newest first by TimeGenerated, over SigninLogs rows whose TimeGenerated is within 24 hours of
// the newest one (2026-11-02T16:33:01.777Z). TimeDiffMinutes counts minute boundaries crossed
// between the TimeGenerated values, and PriorSignIn is the earlier row's TimeGenerated.
const KQL_FINDINGS = [
  // breakglass: 14:22:30 to 14:47:30 by TimeGenerated.
  {
    DetectionType: 'ImpossibleTravel',
    UserPrincipalName: 'breakglass@example.com',
    Country: 'GB',
    PriorCountry: 'US',
    TimeDiffMinutes: 25,
    EventTime: '2026-11-02T14:45:00.000000Z',
    TimeGenerated: '2026-11-02T14:47:30.000000Z',
    PriorSignIn: '2026-11-02T14:22:30.000000Z',
    AuthStepResult: null,
  },
  // dave: 120 minutes apart by CreatedDateTime, but 14:12 to 14:42 by TimeGenerated.
  {
    DetectionType: 'ImpossibleTravel',
    UserPrincipalName: 'dave@example.com',
    Country: 'CA',
    PriorCountry: 'US',
    TimeDiffMinutes: 30,
    EventTime: '2026-11-02T14:10:05.500000Z',
    TimeGenerated: '2026-11-02T14:42:58.250000Z',
    PriorSignIn: '2026-11-02T14:12:40.000000Z',
    AuthStepResult: null,
  },
  // vera: 11:32:30 to 11:52:30 by TimeGenerated.
  {
    DetectionType: 'ImpossibleTravel',
    UserPrincipalName: 'vera@example.com',
    Country: 'NL',
    PriorCountry: 'DE',
    TimeDiffMinutes: 20,
    EventTime: '2026-11-02T11:50:00.000000Z',
    TimeGenerated: '2026-11-02T11:52:30.000000Z',
    PriorSignIn: '2026-11-02T11:32:30.000000Z',
    AuthStepResult: null,
  },
  // ivan: 10:00:00.000 to 11:00:59.900 crosses 60 minute boundaries.
  {
    DetectionType: 'ImpossibleTravel',
    UserPrincipalName: 'ivan@example.com',
    Country: 'IN',
    PriorCountry: 'CA',
    TimeDiffMinutes: 60,
    EventTime: '2026-11-02T11:00:59.900000Z',
    TimeGenerated: '2026-11-02T11:00:59.900000Z',
    PriorSignIn: '2026-11-02T10:00:00.000000Z',
    AuthStepResult: null,
  },
  // alice: one row per pair, so both DE sign-ins pair with the BR one (09:04 and 09:23 to 09:48).
  {
    DetectionType: 'ImpossibleTravel',
    UserPrincipalName: 'alice@example.com',
    Country: 'BR',
    PriorCountry: 'DE',
    TimeDiffMinutes: 44,
    EventTime: '2026-11-02T09:45:44.907000Z',
    TimeGenerated: '2026-11-02T09:48:12.004000Z',
    PriorSignIn: '2026-11-02T09:04:31.552000Z',
    AuthStepResult: null,
  },
  {
    DetectionType: 'ImpossibleTravel',
    UserPrincipalName: 'alice@example.com',
    Country: 'BR',
    PriorCountry: 'DE',
    TimeDiffMinutes: 25,
    EventTime: '2026-11-02T09:45:44.907000Z',
    TimeGenerated: '2026-11-02T09:48:12.004000Z',
    PriorSignIn: '2026-11-02T09:23:05.330000Z',
    AuthStepResult: null,
  },
  {
    DetectionType: 'MFABypassCookieReuse',
    UserPrincipalName: 'alice@example.com',
    Country: 'BR',
    PriorCountry: null,
    TimeDiffMinutes: null,
    EventTime: '2026-11-02T09:45:44.907000Z',
    TimeGenerated: '2026-11-02T09:48:12.004000Z',
    PriorSignIn: null,
    AuthStepResult: 'First factor requirement satisfied by Token broker',
  },
];

// The default mode's other detections, as [type, user, severity, CreatedDateTime, reason], sorted.
// Velocity compares consecutive sign-ins with coordinates (haversine, 6,371 km); the session
// replays compare with the first known value in the session.
const NEW_DETECTION_FINDINGS = [
  ['ClaimFromNewContext', 'alice@example.com', 'high', '2026-11-02T09:45:44.907000Z', 'token claim from IP 203.0.113.45, ASN 64508, country BR with no fresh MFA there'],
  ['ClaimFromNewContext', 'nadia@example.com', 'medium', '2026-11-02T08:52:00.000000Z', 'token claim from IP 198.51.100.7, ASN 64504 with no fresh MFA there'],
  ['SessionReplay', 'alice@example.com', 'high', '2026-11-02T09:45:44.907000Z', 'session changed country DE to BR; ASN 64498 to 64508; device windows/edge to linux/firefox'],
  ['SessionReplay', 'frank@example.com', 'high', '2026-11-02T10:50:20.200000Z', 'session changed country FR to NG; ASN 64500 to 64505; device windows/edge to linux/firefox'],
  ['SessionReplay', 'nadia@example.com', 'high', '2026-11-02T08:52:00.000000Z', 'session changed ASN 64499 to 64504; device windows/edge to linux/firefox'],
  ['TokenNewContext', 'frank@example.com', 'high', '2026-11-02T10:50:20.200000Z', 'token used from country NG and ASN 64505, not seen in interactive sign-ins within 24 h'],
  ['TokenNewContext', 'tara@example.com', 'medium', '2026-11-02T10:05:00.000000Z', 'token used from ASN 64503, not seen in interactive sign-ins within 24 h'],
  ['Velocity', 'alice@example.com', 'high', '2026-11-02T09:45:44.907000Z', '10253 km from Berlin in 25.0 min, 24607 km/h'],
  ['Velocity', 'breakglass@example.com', 'high', '2026-11-02T14:45:00.000000Z', '7699 km from Seattle in 25.0 min, 18477 km/h'],
  ['Velocity', 'frank@example.com', 'high', '2026-11-02T10:50:20.200000Z', '4709 km from Paris in 20.0 min, 14127 km/h'],
  ['Velocity', 'frank@example.com', 'high', '2026-11-02T15:05:11.111000Z', '4709 km from Lagos in 254.8 min, 1109 km/h'],
  ['Velocity', 'heidi@example.com', 'high', '2026-11-02T13:10:10.010000Z', '8170 km from Stockholm in 40.0 min, 12255 km/h'],
  ['Velocity', 'ivan@example.com', 'high', '2026-11-02T11:00:59.900000Z', '12488 km from Toronto in 61.0 min, 12284 km/h'],
  ['Velocity', 'judy@example.com', 'high', '2026-10-30T16:25:00.250000Z', '16643 km from Amsterdam in 15.0 min, 66573 km/h'],
  ['Velocity', 'vera@example.com', 'high', '2026-11-02T11:50:00.000000Z', '577 km from Berlin in 20.0 min, 1730 km/h'],
];

// Incidents, most severe first, then by first time. Critical ones are high findings raised
// because two independent families flag one sign-in (nadia: session and token claim).
const DEFAULT_INCIDENTS = [
  ['INC-001', 'nadia@example.com', 'critical', 2],
  ['INC-002', 'alice@example.com', 'critical', 5],
  ['INC-003', 'frank@example.com', 'critical', 5],
  ['INC-004', 'judy@example.com', 'high', 2],
  ['INC-005', 'ivan@example.com', 'high', 1],
  ['INC-006', 'vera@example.com', 'high', 2],
  ['INC-007', 'heidi@example.com', 'high', 2],
  ['INC-008', 'breakglass@example.com', 'high', 2],
  ['INC-009', 'tara@example.com', 'medium', 1],
  ['INC-010', 'carol@example.com', 'low', 2],
];

const runs = new Map<string, ReturnType<typeof runCliJson>>();

/** Runs the CLI once per mode and path, and shares the result between tests. */
function hunt(mode: Mode, path: string, extra: string[] = []) {
  const args = mode === 'kql-compat' ? ['--kql-compat', ...extra, path] : [...extra, path];
  const key = args.join(' ');
  let run = runs.get(key);
  if (run === undefined) {
    run = runCliJson(args);
    runs.set(key, run);
  }
  return run;
}

function withoutSourceFiles(finding: Finding) {
  const {
    SourceFile: _sourceFile,
    PriorSourceFile: _priorSourceFile,
    SourceSha256: _sourceSha256,
    PriorSourceSha256: _priorSourceSha256,
    SourceLine: _sourceLine,
    PriorSourceLine: _priorSourceLine,
    ...rest
  } = finding;
  return rest;
}

function sumOf(json: HuntJson, pick: (file: HuntJson['accounting']['files'][number]) => number): number {
  return json.accounting.files.reduce((total, file) => total + pick(file), 0);
}

describe('samples folder', () => {
  it('default mode findings', async () => {
    const { code, json } = await hunt('default', 'samples');
    expect(code).toBe(1);
    expect(json.mode).toBe('default');
    const ruleSteps = json.findings.filter((finding) => ['ImpossibleTravel', 'MFABypassCookieReuse'].includes(String(finding.DetectionType)));
    expect(ruleSteps.map(summarize)).toEqual(DEFAULT_FINDINGS);
    const others = json.findings
      .filter((finding) => !['ImpossibleTravel', 'MFABypassCookieReuse'].includes(String(finding.DetectionType)))
      .map((finding) => [finding.DetectionType, finding.UserPrincipalName, finding.Severity, finding.EventTime, finding.Reason])
      .sort((a, b) => String(a).localeCompare(String(b)));
    expect(others).toEqual(NEW_DETECTION_FINDINGS);
  });

  it('default mode incidents', async () => {
    const { json } = await hunt('default', 'samples');
    expect((json.incidents ?? []).map((incident) => [incident.incidentId, incident.userPrincipalName, incident.severity, incident.findings])).toEqual(
      DEFAULT_INCIDENTS,
    );
    expect(json.totals).toMatchObject({ findings: 24, shownFindings: 24, allowListed: 0, belowMinSeverity: 0 });
  });

  it('sample config suppresses the VPN and break-glass account', async () => {
    const { code, json } = await hunt('default', 'samples', ['--config', 'samples/hunt-cookies.yaml', '--show-suppressed']);
    expect(code).toBe(1);
    const users = (json.incidents ?? []).map((incident) => incident.userPrincipalName);
    expect(users).toEqual(DEFAULT_INCIDENTS.map((incident) => incident[1]).filter((user) => user !== 'vera@example.com' && user !== 'breakglass@example.com'));
    expect(json.totals).toMatchObject({ findings: 24, shownFindings: 20, allowListed: 4 });
    expect((json.suppressedFindings ?? []).map((finding) => [finding.UserPrincipalName, finding.DetectionType, finding.SuppressedBy])).toEqual([
      ['breakglass@example.com', 'ImpossibleTravel', 'user breakglass@example.com (shared break-glass account)'],
      ['breakglass@example.com', 'Velocity', 'user breakglass@example.com (shared break-glass account)'],
      ['vera@example.com', 'ImpossibleTravel', 'ip 198.51.100.200/29 (corporate VPN exit)'],
      ['vera@example.com', 'Velocity', 'ip 198.51.100.200/29 (corporate VPN exit)'],
    ]);
  });

  it('kql-compat findings', async () => {
    const { code, json } = await hunt('kql-compat', 'samples');
    expect(code).toBe(1);
    expect(json.mode).toBe('kql-compat');
    expect(json.referenceTime).toBe('2026-11-02T16:33:01.777000Z');
    expect(json.findings.map(summarize)).toEqual(KQL_FINDINGS);
  });

  it('counts duplicate copies', async () => {
    const { json } = await hunt('default', 'samples');
    expect(json.totals.files).toBe(6);
    expect(json.totals.rowsRead).toBe(3 * SIGN_INS_PER_FORMAT);
    expect(json.totals.rejected).toBe(0);
    expect(sumOf(json, (file) => file.duplicates)).toBe(2 * SIGN_INS_PER_FORMAT);

    // Files sort by path, so the CSV copy of every sign-in comes first and is the one kept.
    for (const file of json.accounting.files) {
      const expectedDuplicates = file.path.startsWith('samples/csv/') ? 0 : file.rowsRead;
      expect(file.duplicates, file.path).toBe(expectedDuplicates);
    }
    expect(json.findings.every((finding) => String(finding.SourceFile).startsWith('samples/csv/'))).toBe(true);
  });

  it('default mode row accounting', async () => {
    const { json } = await hunt('default', 'samples');
    // grace's failed attempt from RU is the only failed sign-in.
    expect(sumOf(json, (file) => file.failed)).toBe(1);
    expect(sumOf(json, (file) => file.outOfRange)).toBe(0);
    expect(sumOf(json, (file) => file.outsideRuleTable)).toBe(0);
    expect(json.totals.inScope).toBe(SIGN_INS_PER_FORMAT - 1);
  });

  it('kql-compat row accounting', async () => {
    const { json } = await hunt('kql-compat', 'samples');
    expect(sumOf(json, (file) => file.failed)).toBe(1);
    expect(sumOf(json, (file) => file.outsideRuleTable)).toBe(NON_INTERACTIVE_PER_FORMAT);
    // judy's two SigninLogs rows are older than the 24-hour lookback.
    expect(sumOf(json, (file) => file.outOfRange)).toBe(2);
    expect(json.totals.inScope).toBe(INTERACTIVE_PER_FORMAT - 1 - 2);
  });
});

describe.each(['json', 'csv', 'parquet'])('samples/%s alone', (format) => {
  it.each<Mode>(['default', 'kql-compat'])('%s mode matches whole folder', async (mode) => {
    const [alone, whole] = await Promise.all([hunt(mode, `samples/${format}`), hunt(mode, 'samples')]);
    expect(alone.code).toBe(1);
    expect(alone.json.totals.files).toBe(2);
    expect(alone.json.totals.rowsRead).toBe(SIGN_INS_PER_FORMAT);
    expect(sumOf(alone.json, (file) => file.duplicates)).toBe(0);
    expect(alone.json.referenceTime).toBe(whole.json.referenceTime);
    expect(alone.json.totals.inScope).toBe(whole.json.totals.inScope);
    expect(alone.json.findings.map(withoutSourceFiles)).toEqual(whole.json.findings.map(withoutSourceFiles));
  });
});
