import { describe, expect, it } from 'vitest';

import { makeTempFolder, signIn, writeNdjson } from './helpers/fixtures.js';
import { runCliJson } from './helpers/runCli.js';

async function hunt(records: Record<string, unknown>[], args: string[] = [], env?: NodeJS.ProcessEnv) {
  const folder = await makeTempFolder();
  const file = await writeNdjson(folder, 'signins.ndjson', records);
  return (await runCliJson([...args, file], { env })).json;
}

function travel(json: Awaited<ReturnType<typeof hunt>>) {
  return json.findings.filter((finding) => finding.DetectionType === 'ImpossibleTravel');
}

describe('UTC offsets', () => {
  const records = [
    signIn('carol@example.test', '2024-03-01T12:38:00Z', 'DE'),
    signIn('carol@example.test', '2024-03-01T14:38:00+02:00', 'FR'),
  ];

  for (const zone of ['UTC', 'America/Los_Angeles']) {
    it(`applies +02:00 with TZ=${zone}`, async () => {
      const json = await hunt(records, [], { TZ: zone });
      expect(travel(json)).toHaveLength(1);
      expect(travel(json)[0]).toMatchObject({ EventTime: '2024-03-01T12:38:00.000000Z', TimeDiffMinutes: 0 });
    });
  }
});

describe('fractional seconds', () => {
  it('truncates a seventh digit within its second', async () => {
    const records = [
      signIn('ann@example.test', '2024-03-01T23:50:00.1234567Z', 'US'),
      signIn('ann@example.test', '2024-03-01T23:59:59.9999999Z', 'MX'),
    ];
    const [finding] = travel(await hunt(records));
    expect(finding).toMatchObject({
      EventTime: '2024-03-01T23:59:59.999999Z',
      PriorSignIn: '2024-03-01T23:50:00.123456Z',
    });
  });
});

describe('unknown country (R11)', () => {
  const quiet = [
    signIn('heidi@example.test', '2024-03-01T10:00:00Z', 'US'),
    signIn('heidi@example.test', '2024-03-01T10:10:00Z', null, { LocationDetails: { countryOrRegion: '' } }),
    signIn('heidi@example.test', '2024-03-01T10:20:00Z', null, { LocationDetails: null }),
    signIn('heidi@example.test', '2024-03-01T10:30:00Z', 'US'),
  ];

  it('never counts as a country change', async () => {
    expect(travel(await hunt(quiet))).toEqual([]);
    expect(travel(await hunt(quiet, ['--kql-compat']))).toEqual([]);
  });

  it('leaves one finding for a real change', async () => {
    const json = await hunt([...quiet, signIn('heidi@example.test', '2024-03-01T10:40:00Z', 'VN')]);
    expect(travel(json).map((finding) => [finding.PriorCountry, finding.Country, finding.TimeDiffMinutes])).toEqual([
      ['US', 'VN', 10],
    ]);
  });
});

describe('MFA claim forms (R12)', () => {
  const singleFactor = { AuthenticationRequirement: 'singleFactorAuthentication', AppDisplayName: 'Exchange Online' };
  const previouslySatisfied = [{ authenticationMethod: 'Previously satisfied', succeeded: true }];
  const records = [
    signIn('ivan@example.test', '2024-03-01T10:00:00Z', 'US', { ...singleFactor, AuthenticationDetails: previouslySatisfied }),
    signIn('ivan@example.test', '2024-03-01T11:00:00Z', 'US', {
      ...singleFactor,
      AuthenticationDetails: JSON.stringify(previouslySatisfied),
    }),
    signIn('ivan@example.test', '2024-03-01T12:00:00Z', 'US', {
      ...singleFactor,
      AuthenticationDetails: [],
      Status: { errorCode: 0, additionalDetails: 'MFA requirement satisfied by claim in the token' },
    }),
    signIn('ivan@example.test', '2024-03-01T13:00:00Z', 'US', { ...singleFactor, AuthenticationDetails: [] }),
  ];

  it('flags array, text and status forms', async () => {
    const json = await hunt(records);
    expect(json.findings.map((finding) => finding.SourceRow)).toEqual([3, 2, 1]);
    expect(json.findings.map((finding) => finding.AuthStepResult)).toEqual([
      'MFA requirement satisfied by claim in the token',
      'Previously satisfied',
      'Previously satisfied',
    ]);
  });

  it('counts the row with no details', async () => {
    const json = await hunt(records);
    expect((json as unknown as { singleFactorWithoutDetails: number }).singleFactorWithoutDetails).toBe(1);
  });

  it('kql-compat reads only the first step result', async () => {
    const json = await hunt(records, ['--kql-compat']);
    expect(json.findings).toEqual([]);
  });
});

describe('minute boundaries (R15)', () => {
  const records = [
    signIn('judy1@example.test', '2024-03-01T10:00:00.000Z', 'CA'),
    signIn('judy1@example.test', '2024-03-01T11:00:59.999Z', 'IN'),
    signIn('judy2@example.test', '2024-03-01T12:00:00Z', 'CA'),
    signIn('judy2@example.test', '2024-03-01T13:00:00Z', 'IN'),
    signIn('judy3@example.test', '2024-03-01T14:00:30Z', 'IN'),
    signIn('judy3@example.test', '2024-03-01T14:00:10Z', 'CA'),
  ];

  it('default mode compares elapsed time, 60:00 included', async () => {
    const json = await hunt(records);
    expect(travel(json).map((finding) => [finding.UserPrincipalName, finding.TimeDiffMinutes])).toEqual([
      ['judy3@example.test', 20 / 60],
      ['judy2@example.test', 60],
    ]);
  });

  it('kql-compat counts minute boundaries crossed', async () => {
    const json = await hunt(records, ['--kql-compat']);
    expect(travel(json).map((finding) => [finding.UserPrincipalName, finding.TimeDiffMinutes])).toEqual([
      ['judy3@example.test', 0],
      ['judy2@example.test', 60],
      ['judy1@example.test', 60],
    ]);
  });
});

describe('user matching', () => {
  const records = [
    signIn('Heidi@Example.test', '2024-03-01T10:00:00Z', 'SE', { UserId: 'A1B2' }),
    signIn('heidi@example.test', '2024-03-01T10:40:00Z', 'JP', { UserId: 'a1b2' }),
    signIn('HEIDI@example.test', '2024-03-01T10:50:00Z', 'SE', { UserId: null }),
  ];

  it('default mode joins by user id, else UPN without case', async () => {
    const json = await hunt(records);
    expect(travel(json).map((finding) => [finding.PriorCountry, finding.Country])).toEqual([
      ['JP', 'SE'],
      ['SE', 'JP'],
    ]);
  });

  it('kql-compat joins the exact UPN only', async () => {
    expect(travel(await hunt(records, ['--kql-compat']))).toEqual([]);
  });
});

describe('non-interactive sign-ins', () => {
  const records = [
    signIn('frank@example.test', '2024-03-01T10:00:00Z', 'FR'),
    signIn('frank@example.test', '2024-03-01T10:20:00Z', 'NG', {
      Type: 'AADNonInteractiveUserSignInLogs',
      IsInteractive: false,
      LocationDetails: JSON.stringify({ countryOrRegion: 'NG' }),
    }),
  ];

  it('count in the default mode', async () => {
    expect(travel(await hunt(records))).toHaveLength(1);
  });

  it('are outside the rule table in kql-compat', async () => {
    const json = await hunt(records, ['--kql-compat']);
    expect(json.findings).toEqual([]);
    expect(json.accounting.files[0]).toMatchObject({ rowsRead: 2, inScope: 1, outsideRuleTable: 1 });
  });
});

describe('time scope', () => {
  const records = [
    signIn('kim@example.test', '2024-03-01T10:00:00Z', 'US'),
    signIn('kim@example.test', '2024-03-01T10:30:00Z', 'KR'),
    signIn('lee@example.test', '2024-03-03T09:00:00Z', 'US', { ResultType: 50126 }),
    signIn('lee@example.test', '2024-03-03T12:00:00Z', 'US'),
  ];

  it('default mode hunts the whole input', async () => {
    const json = await hunt(records);
    expect(travel(json)).toHaveLength(1);
    expect(json.accounting.files[0]).toMatchObject({ rowsRead: 4, failed: 1, outOfRange: 0, inScope: 3 });
  });

  it('kql-compat keeps 24 hours before the newest row', async () => {
    const json = await hunt(records, ['--kql-compat']);
    expect(json.referenceTime).toBe('2024-03-03T12:00:00.000000Z');
    expect(json.findings).toEqual([]);
    expect(json.accounting.files[0]).toMatchObject({ failed: 1, outOfRange: 2, inScope: 1 });
  });

  it('--lookback and --now move the kql-compat window', async () => {
    const json = await hunt(records, ['--kql-compat', '--now', '2024-03-01T12:45:00+02:00', '--lookback', '30m']);
    expect(json.referenceTime).toBe('2024-03-01T10:45:00.000000Z');
    // ago() has no upper bound, so the 2024-03-03 row after --now stays in scope.
    expect(json.accounting.files[0]).toMatchObject({ failed: 1, outOfRange: 1, inScope: 2 });
  });

  it('--since and --until narrow the default mode', async () => {
    const json = await hunt(records, ['--since', '2024-03-01T10:15:00Z', '--until', '2024-03-02T00:00:00Z']);
    expect(travel(json)).toEqual([]);
    expect(json.accounting.files[0]).toMatchObject({ outOfRange: 2, inScope: 1 });
  });
});

describe('duplicates', () => {
  it('keeps the first copy of a record id', async () => {
    const first = signIn('max@example.test', '2024-03-01T10:00:00Z', 'US');
    const second = signIn('max@example.test', '2024-03-01T10:05:00Z', 'BR');
    const json = await hunt([first, second, { ...second }]);
    expect(travel(json)).toHaveLength(1);
    expect(json.accounting.files[0]).toMatchObject({ rowsRead: 3, duplicates: 1, inScope: 2 });
  });
});
