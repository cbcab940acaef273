import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { realSamplesFolder, runCli, runCliJson } from './helpers/runCli.js';

const REAL_SAMPLES = realSamplesFolder();

const clean = path.join(REAL_SAMPLES, 'SigninLogs_clean.json');
const adele = path.join(REAL_SAMPLES, 'sign-in_adelete.csv');
const disabled = path.join(REAL_SAMPLES, 'disable_accounts.csv');

describe('real sample SigninLogs_clean.json', () => {
  it('default mode finds the GB to DK change once', async () => {
    const { code, json } = await runCliJson([clean]);
    expect(code).toBe(1);
    const travel = json.findings.filter((finding) => finding.DetectionType === 'ImpossibleTravel');
    expect(travel).toHaveLength(1);
    expect(travel[0]).toMatchObject({
      EventTime: '2026-02-01T13:59:44.391913Z',
      Country: 'DK',
      IPAddress: '159.50.124.226',
      PriorCountry: 'GB',
      PriorSignIn: '2026-02-01T13:57:05.794352Z',
      SourceRow: 1,
      PriorSourceRow: 5,
    });
    // 13:57:05.794352 to 13:59:44.391913 is 158.597561 s.
    expect(travel[0]!.TimeDiffMinutes).toBeCloseTo(158.597561 / 60, 9);
  });

  it('default mode flags all five token-claim sign-ins', async () => {
    const { json } = await runCliJson([clean]);
    const bypass = json.findings.filter((finding) => finding.DetectionType === 'MFABypassCookieReuse');
    expect(bypass.map((finding) => finding.SourceRow)).toEqual([1, 5, 4, 3, 2]);
    expect(json.totals).toMatchObject({ rowsRead: 5, inScope: 5, rejected: 0, findings: 7 });
  });

  it('velocity uses the exported coordinates', async () => {
    const { json } = await runCliJson([clean]);
    const velocity = json.findings.filter((finding) => finding.DetectionType === 'Velocity');
    expect(velocity.map((finding) => [finding.SourceRow, finding.PriorSourceRow])).toEqual([[1, 5]]);
    // (38.05282, 44.75525) to (-10.21833, -37.84638) by haversine, in 158.597561 s.
    expect(velocity[0]!.DistanceKm).toBeCloseTo(10068.4398, 3);
    expect(velocity[0]!.SpeedKmh).toBeCloseTo(228543.132, 2);
  });

  it('groups the account into one incident', async () => {
    const { json } = await runCliJson([clean]);
    const incidents = json.incidents ?? [];
    // Travel and velocity are one family, so the severity is not raised; cookie reuse is low.
    expect(incidents.map((incident) => [incident.severity, incident.findings, incident.countries])).toEqual([['high', 7, ['DK', 'GB']]]);
  });

  it('kql-compat pairs DK with the three GB rows by TimeGenerated', async () => {
    const { json } = await runCliJson(['--kql-compat', clean]);
    expect(json.referenceTime).toBe('2026-02-01T14:31:52.701501Z');
    expect(json.findings.map((finding) => [finding.PriorSourceRow, finding.TimeDiffMinutes])).toEqual([
      [3, 37],
      [4, 37],
      [5, 32],
    ]);
    expect(json.findings.every((finding) => finding.DetectionType === 'ImpossibleTravel')).toBe(true);
  });
});

describe('real sample sign-in_adelete.csv', () => {
  it('loads all 56 rows and skips three failed sign-ins', async () => {
    const { json } = await runCliJson([adele]);
    expect(json.accounting.files[0]).toMatchObject({ rowsRead: 56, rejected: 0, failed: 3, inScope: 53 });
  });

  it('default mode flags the 22 single-factor reuses of the rule apps', async () => {
    const { json } = await runCliJson([adele]);
    expect(json.findings).toHaveLength(22);
    expect(json.findings.every((finding) => finding.DetectionType === 'MFABypassCookieReuse')).toBe(true);
    // The newest: 4/28/2021, 3:19:08.373 PM in the CreatedDateTime [UTC] column.
    expect(json.findings[0]!.EventTime).toBe('2021-04-28T15:19:08.373000Z');
  });

  it('kql-compat finds nothing in a single-country dump', async () => {
    const { code, json } = await runCliJson(['--kql-compat', adele]);
    expect(code).toBe(0);
    expect(json.findings).toEqual([]);
  });
});

describe('real sample disable_accounts.csv', () => {
  it('is rejected for lacking a time column', async () => {
    const { code, stderr, stdout } = await runCli([disabled]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('disable_accounts.csv: no time column');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
