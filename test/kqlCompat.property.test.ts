import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCliJson } from './helpers/runCli.js';
import {
  evaluateKqlRule,
  formatIsoMicros,
  kqlHas,
  MICROS_PER_HOUR,
  MICROS_PER_MINUTE,
  parseIsoMicros,
  SUSPICIOUS_SINGLE_FACTOR_APPS,
  type KqlRuleResult,
  type SigninRecord,
} from './reference/kqlReference.js';

// Every generated tenant signs in between SPAN_START and SPAN_START + 3 h. NOW lies 15 minutes
// before the end of the span, because the rule's `ago()` filter has no upper bound.
const NOW = '2026-03-10T12:00:00Z';
const NOW_MICROS = parseIsoMicros(NOW);
const SPAN_START_MICROS = parseIsoMicros('2026-03-10T09:15:00Z');
const SPAN_MICROS = 3 * 3_600_000_000;
const LOOKBACK_MICROS = 24n * MICROS_PER_HOUR;

/** Each CLI run took about 0.4 s on a 2-core machine, so these keep the file near one minute there. */
const CORE_RUNS = 80;
const FORMAT_RUNS = 40;
const PROPERTY_TIMEOUT_MS = 15 * 60_000;

/** A fixed seed reproduces a failure: `FC_SEED=123 npx vitest run test/kqlCompat.property.test.ts`. */
const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);

let workDirectory = '';
let tenantCount = 0;

beforeAll(async () => {
  workDirectory = await mkdtemp(path.join(os.tmpdir(), 'hunt-cookies-kql-'));
});

afterAll(async () => {
  if (workDirectory !== '') await rm(workDirectory, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Comparing the CLI with the reference

type Finding = Record<string, unknown>;

const TRAVEL_FIELDS = [
  'DetectionType',
  'UserPrincipalName',
  'TimeGenerated',
  'Country',
  'PriorCountry',
  'PriorSignIn',
  'TimeDiffMinutes',
  'SourceRow',
  'PriorSourceRow',
] as const;

const MFA_FIELDS = [
  'DetectionType',
  'UserPrincipalName',
  'TimeGenerated',
  'AppDisplayName',
  'AuthStepResult',
  'SourceRow',
] as const;

/** Projects findings of one detection type onto `fields` and sorts them, giving a comparable multiset. */
function project(findings: readonly object[], detectionType: string, fields: readonly string[]): string[] {
  return (findings as readonly Finding[])
    .filter((finding) => finding.DetectionType === detectionType)
    .map((finding) => JSON.stringify(fields.map((field) => finding[field] ?? null)))
    .sort();
}

async function writeTenant(records: readonly SigninRecord[]): Promise<string> {
  tenantCount += 1;
  const file = path.join(workDirectory, `tenant-${tenantCount}.ndjson`);
  await writeFile(file, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
  return file;
}

async function runKqlCompat(records: readonly SigninRecord[]): Promise<Finding[]> {
  const file = await writeTenant(records);
  const { json } = await runCliJson(['--kql-compat', '--now', NOW, file]);
  return json.findings;
}

/** Runs the CLI on `records` and checks that its findings equal the reference's, as multisets. */
async function expectCliMatchesReference(records: readonly SigninRecord[]): Promise<void> {
  const findings = await runKqlCompat(records);
  const expected: KqlRuleResult = evaluateKqlRule(records, { nowMicros: NOW_MICROS });

  expect(project(findings, 'ImpossibleTravel', TRAVEL_FIELDS)).toEqual(
    project(expected.travel, 'ImpossibleTravel', TRAVEL_FIELDS),
  );
  expect(project(findings, 'MFABypassCookieReuse', MFA_FIELDS)).toEqual(
    project(expected.mfa, 'MFABypassCookieReuse', MFA_FIELDS),
  );
  expect(findings).toHaveLength(expected.travel.length + expected.mfa.length);

  // The rule ends with `sort by TimeGenerated desc`. Fixed-width UTC text sorts like the instants.
  const times = findings.map((finding) => String(finding.TimeGenerated));
  expect(times).toEqual([...times].sort().reverse());
}

/** Runs a property with a reported seed, so that a failure can be replayed with FC_SEED. */
async function assertWithSeed<T>(property: fc.IAsyncPropertyWithHooks<[T]>, numRuns: number): Promise<void> {
  try {
    await fc.assert(property, { numRuns, seed: SEED });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`fast-check seed ${SEED} (replay with FC_SEED=${SEED}):\n${message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Generated tenants

const USER_POOL = [
  'alice@example.test',
  'Alice@example.test',
  'bob@example.test',
  'BOB@EXAMPLE.TEST',
  'carol@example.test',
];

const NEAR_MISS_APPS = [
  'Outlookish',
  'MyOutlook',
  'Outlook-Web',
  'office 365 portal',
  'SharePoint Online',
  'MyOutlook / Outlook',
  'Microsoft 365Copilot',
  'Office365 Shell WCSS-Client',
  'Microsoft Teams Web Client',
  'OneDriveSync',
  'exchange online(powershell)',
  'Microsoft Authentication Broker',
  '',
];

const COUNTRIES = ['US', 'GB', 'DK', 'IN'];
const CITIES: Record<string, string> = { US: 'Seattle', GB: 'London', DK: 'Copenhagen', IN: 'Mumbai', us: 'Portland' };

const SUCCESS_AND_FAILURE_CODES: readonly unknown[] = [0, '0', '50126', 50074];

/** `authenticationStepResultDetail` texts, with and without the rule's phrases as whole terms. */
const STEP_RESULTS = [
  'Previously satisfied',
  'MFA requirement previously satisfied!',
  'previously satisfied!',
  'Token broker',
  'Satisfied by Token broker.',
  'Tokenbroker',
  'Previously satisfiedX',
  'MFA requirement satisfied by claim in the token',
  'First factor requirement satisfied by claim in the token',
  'Correct password',
];

/** Offset of a sign-in from the span start in microseconds, often on or just around a minute boundary. */
const spanOffset = fc.oneof(
  fc.integer({ min: 0, max: SPAN_MICROS - 1 }),
  fc.integer({ min: 0, max: 179 }).map((minute) => minute * 60_000_000),
  fc.integer({ min: 0, max: 179 }).map((minute) => minute * 60_000_000 + 59_999_999),
  fc.integer({ min: 0, max: 179 }).map((minute) => minute * 60_000_000 + 1),
  fc
    .tuple(fc.constantFrom(0, 1, 59, 60, 61, 119, 120, 121), fc.constantFrom(0, 1, 30_000_000, 59_999_999))
    .map(([minute, micros]) => minute * 60_000_000 + micros),
);

const timeGenerated: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 12, arbitrary: spanOffset.map((offset) => SPAN_START_MICROS + BigInt(offset)) },
  // Rows at the lookback boundary, within a minute of each other so that they can pair up.
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(-3n * MICROS_PER_HOUR, -1n, 0n, 1n, 30_000_000n, 59_999_999n)
      .map((offset) => NOW_MICROS - LOOKBACK_MICROS + offset),
  },
);

/** Generator options. `variedFormats` adds other ways to write times, locations, steps and ids. */
interface TenantOptions {
  variedFormats: boolean;
}

function authenticationStep(stepResult: string | null): Record<string, string> {
  return stepResult === null
    ? { authenticationMethod: 'Password' }
    : { authenticationMethod: 'Password', authenticationStepResultDetail: stepResult };
}

function authenticationDetailsArbitrary(options: TenantOptions): fc.Arbitrary<unknown> {
  const steps = fc.oneof(
    fc.constant([]),
    fc.constantFrom(...STEP_RESULTS, null).map((stepResult) => [authenticationStep(stepResult)]),
    // The phrase only in the second element, which the rule never reads.
    fc
      .constantFrom(...STEP_RESULTS)
      .map((stepResult) => [authenticationStep('Correct password'), authenticationStep(stepResult)]),
  );
  const asText = steps.map((list) => JSON.stringify(list));
  if (!options.variedFormats) return asText;
  return fc.oneof(asText, steps, fc.constantFrom('', '[]', undefined));
}

function locationArbitrary(options: TenantOptions): fc.Arbitrary<unknown> {
  const countries = options.variedFormats ? [...COUNTRIES, 'us'] : COUNTRIES;
  const known = fc
    .constantFrom(...countries)
    .map((country) => ({ countryOrRegion: country, city: CITIES[country], state: '' }));
  const core = fc.oneof(
    { weight: 6, arbitrary: known },
    { weight: 1, arbitrary: fc.constant({ countryOrRegion: '', city: '', state: '' }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  if (!options.variedFormats) return core;
  return fc.oneof(
    core,
    known.map((location) => JSON.stringify(location)),
    fc.constantFrom({}, { countryOrRegion: null }, '', '{}'),
  );
}

function correlationArbitrary(options: TenantOptions): fc.Arbitrary<string | undefined | null> {
  // null stands for "a correlation id of its own", filled in from the record number.
  const choices = fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.constantFrom('corr-shared-a', 'corr-shared-b') },
  );
  if (!options.variedFormats) return choices;
  return fc.oneof(choices, fc.constantFrom(undefined, ''));
}

/** Chooses how one sign-in's times are written: 6 digits and `Z`, or with `variedFormats` also other ISO 8601 forms. */
function timeTextArbitrary(options: TenantOptions): fc.Arbitrary<(micros: bigint) => string> {
  const utc = (micros: bigint) => formatIsoMicros(micros);
  if (!options.variedFormats) return fc.constant(utc);

  const withOffset = (offsetMinutes: number, suffix: string) => (micros: bigint) =>
    formatIsoMicros(micros + BigInt(offsetMinutes) * MICROS_PER_MINUTE).replace('Z', suffix);
  return fc.oneof(
    fc.constant(utc),
    // A 7th digit (100 ns) that the tool must truncate.
    fc.integer({ min: 0, max: 9 }).map((digit) => (micros: bigint) => utc(micros).replace('Z', `${digit}Z`)),
    fc.constant(withOffset(120, '+02:00')),
    fc.constant(withOffset(-330, '-05:30')),
    fc.constant((micros: bigint) => utc(micros).replace(/\.000000Z$/, 'Z').replace(/(\.\d{3})000Z$/, '$1Z')),
  );
}

const signinSpec = (options: TenantOptions) =>
  fc.record({
    userIndex: fc.nat(),
    time: timeGenerated,
    createdLagMinutes: fc.integer({ min: 0, max: 40 }),
    writeTime: timeTextArbitrary(options),
    location: locationArbitrary(options),
    correlation: correlationArbitrary(options),
    resultType: fc.constantFrom(...SUCCESS_AND_FAILURE_CODES),
    authenticationDetails: authenticationDetailsArbitrary(options),
    app: fc.oneof(fc.constantFrom(...SUSPICIOUS_SINGLE_FACTOR_APPS), fc.constantFrom(...NEAR_MISS_APPS)),
    requirement: fc.oneof(
      { weight: 4, arbitrary: fc.constant('singleFactorAuthentication') },
      { weight: 1, arbitrary: fc.constantFrom('multiFactorAuthentication', 'SingleFactorAuthentication', undefined) },
    ),
  });

/** Builds a tenant of SigninLogs records; undefined fields are left out of the JSON. */
function tenantArbitrary(options: TenantOptions): fc.Arbitrary<SigninRecord[]> {
  return fc
    .tuple(
      fc.shuffledSubarray(USER_POOL, { minLength: 1, maxLength: 4 }),
      fc.array(signinSpec(options), { minLength: 2, maxLength: 40, size: 'max' }),
    )
    .map(([users, specs]) =>
      specs.map((spec, index): SigninRecord => ({
        TimeGenerated: spec.writeTime(spec.time),
        CreatedDateTime: spec.writeTime(spec.time - BigInt(spec.createdLagMinutes) * MICROS_PER_MINUTE),
        Type: 'SigninLogs',
        Id: `signin-${index + 1}`,
        UserPrincipalName: users[spec.userIndex % users.length],
        IPAddress: `192.0.2.${(index % 250) + 1}`,
        LocationDetails: spec.location,
        AppDisplayName: spec.app,
        AuthenticationRequirement: spec.requirement,
        AuthenticationDetails: spec.authenticationDetails,
        ResultType: spec.resultType,
        CorrelationId: spec.correlation === null ? `corr-row-${index + 1}` : spec.correlation,
        IsInteractive: true,
      })),
    );
}

describe('kql-compat against the naive reference', () => {
  it(
    'matches on generated tenants',
    async () => {
      const property = fc.asyncProperty(tenantArbitrary({ variedFormats: false }), (records) =>
        expectCliMatchesReference(records),
      );
      await assertWithSeed(property, CORE_RUNS);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'matches with varied export formats',
    async () => {
      const property = fc.asyncProperty(tenantArbitrary({ variedFormats: true }), (records) =>
        expectCliMatchesReference(records),
      );
      await assertWithSeed(property, FORMAT_RUNS);
    },
    PROPERTY_TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------
// Hand-computed examples

/** Builds a successful single-factor sign-in with a reused MFA claim and no location, so only the app name decides. */
function cookieReuseSignin(index: number, app: string): SigninRecord {
  return {
    TimeGenerated: `2026-03-10T10:${String(index).padStart(2, '0')}:00.000000Z`,
    Type: 'SigninLogs',
    Id: `app-${index}`,
    UserPrincipalName: 'ivan@example.test',
    IPAddress: '198.51.100.7',
    AppDisplayName: app,
    AuthenticationRequirement: 'singleFactorAuthentication',
    AuthenticationDetails: JSON.stringify([{ authenticationStepResultDetail: 'Previously satisfied' }]),
    ResultType: 0,
    CorrelationId: `app-corr-${index}`,
  };
}

function travelSignin(time: string, country: string, id: string): SigninRecord {
  return {
    TimeGenerated: time,
    Type: 'SigninLogs',
    Id: id,
    UserPrincipalName: 'judy@example.test',
    IPAddress: '203.0.113.9',
    LocationDetails: { countryOrRegion: country, city: '', state: '' },
    AppDisplayName: 'Azure Portal',
    AuthenticationRequirement: 'multiFactorAuthentication',
    AuthenticationDetails: '[]',
    ResultType: 0,
    CorrelationId: `corr-${id}`,
  };
}

describe('reference kqlHas', () => {
  // Term cases for a user-agent filter: terms are runs of ASCII letters and digits.
  it.each([
    ['python-requests/2.31', 'python', true],
    ['Python/3.11 aiohttp', 'python', true],
    ['cpython-build', 'python', false],
    ['mypythonlib/1.0', 'python', false],
    ['curl/8.4.0', 'curl', true],
    ['libcurl-agent', 'curl', false],
    ['Outlooké', 'outlook', true],
    ['Outlook\u00a0Web', 'outlook', true],
  ])('%s has %s: %s', (haystack, term, expected) => {
    expect(kqlHas(haystack, term)).toBe(expected);
  });
});

describe('kql-compat hand-computed cases', () => {
  it('app filter uses term matching', async () => {
    // The user-agent term cases above, with the rule's app names as the terms.
    const apps: [string, boolean][] = [
      ['Outlook-requests/2.31', true],
      ['outlook/3.11 aiohttp', true],
      ['coutlook-build', false],
      ['myoutlooklib/1.0', false],
      ['SharePoint/8.4.0', true],
      ['libsharepoint-agent', false],
      ['Microsoft Teams-requests/2.31', true],
      ['MICROSOFT TEAMS/3.11 aiohttp', true],
      ['cmicrosoft teams-build', false],
      ['Microsoft Teamslib/1.0', false],
      // Non-ASCII characters are boundaries, because Kusto terms are runs of ASCII letters and digits.
      ['Outlooké', true],
      ['Outlook\u00a0Web', true],
    ];
    const records = apps.map(([app], index) => cookieReuseSignin(index + 1, app));

    const findings = await runKqlCompat(records);

    const flaggedRows = findings.map((finding) => finding.SourceRow).sort((a, b) => Number(a) - Number(b));
    expect(flaggedRows).toEqual([1, 2, 5, 7, 8, 11, 12]);
    expect(findings.every((finding) => finding.DetectionType === 'MFABypassCookieReuse')).toBe(true);
    expect(project(findings, 'MFABypassCookieReuse', MFA_FIELDS)).toEqual(
      project(evaluateKqlRule(records, { nowMicros: NOW_MICROS }).mfa, 'MFABypassCookieReuse', MFA_FIELDS),
    );
  });

  it('travel counts minute boundaries crossed', async () => {
    // Four cases hours apart, so that no pair spans two cases.
    const records = [
      // 60 min 59.999 s elapsed, 60 boundaries: flagged.
      travelSignin('2026-03-10T00:00:00.000Z', 'CA', 'r1'),
      travelSignin('2026-03-10T01:00:59.999Z', 'IN', 'r2'),
      // Exactly 60 min: flagged.
      travelSignin('2026-03-10T03:00:00Z', 'CA', 'r3'),
      travelSignin('2026-03-10T04:00:00Z', 'IN', 'r4'),
      // 20 s, listed in reverse time order: flagged once, with the later row as the finding.
      travelSignin('2026-03-10T06:00:30Z', 'IN', 'r5'),
      travelSignin('2026-03-10T06:00:10Z', 'CA', 'r6'),
      // 60 min and 1 µs elapsed across 61 boundaries: not flagged.
      travelSignin('2026-03-10T08:00:59.999999Z', 'CA', 'r7'),
      travelSignin('2026-03-10T09:01:00.000000Z', 'IN', 'r8'),
    ];

    const findings = await runKqlCompat(records);

    expect(project(findings, 'ImpossibleTravel', TRAVEL_FIELDS)).toEqual(
      project(
        [
          {
            DetectionType: 'ImpossibleTravel',
            UserPrincipalName: 'judy@example.test',
            TimeGenerated: '2026-03-10T06:00:30.000000Z',
            Country: 'IN',
            PriorCountry: 'CA',
            PriorSignIn: '2026-03-10T06:00:10.000000Z',
            TimeDiffMinutes: 0,
            SourceRow: 5,
            PriorSourceRow: 6,
          },
          {
            DetectionType: 'ImpossibleTravel',
            UserPrincipalName: 'judy@example.test',
            TimeGenerated: '2026-03-10T04:00:00.000000Z',
            Country: 'IN',
            PriorCountry: 'CA',
            PriorSignIn: '2026-03-10T03:00:00.000000Z',
            TimeDiffMinutes: 60,
            SourceRow: 4,
            PriorSourceRow: 3,
          },
          {
            DetectionType: 'ImpossibleTravel',
            UserPrincipalName: 'judy@example.test',
            TimeGenerated: '2026-03-10T01:00:59.999000Z',
            Country: 'IN',
            PriorCountry: 'CA',
            PriorSignIn: '2026-03-10T00:00:00.000000Z',
            TimeDiffMinutes: 60,
            SourceRow: 2,
            PriorSourceRow: 1,
          },
        ],
        'ImpossibleTravel',
        TRAVEL_FIELDS,
      ),
    );
    expect(findings).toHaveLength(3);
  });
});
