import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { makeTempFolder } from './helpers/fixtures.js';
import { realSamplesFolder, runCli, runCliJson, type HuntJson } from './helpers/runCli.js';
import { FIXTURE_SIGN_INS, layoutVariants, type FixtureFile, type LayoutVariant } from './helpers/shapeFixtures.js';

/** A canonical row as `inspect --rows` prints it. */
type CanonicalRow = Record<string, unknown>;

/** The canonical fields that every layout carries, compared across layouts. */
const SHARED_ROW_FIELDS = [
  'record_id',
  'event_time',
  'user_principal_name',
  'user_id',
  'ip_address',
  'country',
  'city',
  'result_code',
  'authentication_requirement',
  'status_additional_details',
  'correlation_id',
  'disposition',
] as const;

/**
 * Finding columns that name the evidence (file and row) or the Log Analytics ingestion time,
 * which only Log Analytics exports carry. They are never compared across layouts.
 */
const EVIDENCE_FINDING_FIELDS = [
  'SourceFile',
  'SourceRow',
  'PriorSourceFile',
  'PriorSourceRow',
  'SourceLine',
  'PriorSourceLine',
  'SourceSha256',
  'PriorSourceSha256',
  'TimeGenerated',
];

/** Per-file accounting as `--format json` writes it, with the fields the shared type leaves out. */
type FileAccount = HuntJson['accounting']['files'][number] & {
  kind: 'sign-ins' | 'auth-steps';
  shape: string;
  encoding: string;
  notUserSignIn: number;
  stepsAttached: number;
  stepsUnmatched: number;
};

/** Writes the files of one variant into `folder` and returns the folder. */
async function writeFiles(folder: string, files: readonly FixtureFile[]): Promise<string> {
  await mkdir(folder, { recursive: true });
  for (const file of files) await writeFile(path.join(folder, file.name), file.bytes);
  return folder;
}

async function writeVariant(variant: LayoutVariant): Promise<string> {
  return writeFiles(await makeTempFolder(), variant.files);
}

/** Runs `inspect --rows` and returns the canonical rows. */
async function inspectRows(args: readonly string[]): Promise<CanonicalRow[]> {
  const result = await runCli(['inspect', '--rows', ...args]);
  if (result.code !== 0) throw new Error(`inspect exited with ${result.code}: ${result.stderr}`);
  return result.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CanonicalRow);
}

/** Keeps the fields every layout carries, with the authentication steps as their methods. */
function sharedFields(row: CanonicalRow): Record<string, unknown> {
  const shared: Record<string, unknown> = {};
  for (const field of SHARED_ROW_FIELDS) shared[field] = row[field];
  const steps = row.authentication_steps as { method: string | null }[] | null;
  shared.step_methods = steps === null ? null : steps.map((step) => step.method);
  return shared;
}

/** Sign-in rows (not authentication steps) reduced to their shared fields, in request id order. */
function comparableRows(rows: readonly CanonicalRow[]): Record<string, unknown>[] {
  return rows.map(sharedFields).sort((a, b) => String(a.record_id).localeCompare(String(b.record_id)));
}

/** Findings without their evidence columns, the given columns and detections, in a stable order. */
function comparableFindings(
  findings: HuntJson['findings'],
  leftOut: readonly string[] = [],
  leftOutDetections: readonly string[] = [],
): Record<string, unknown>[] {
  const dropped = new Set([...EVIDENCE_FINDING_FIELDS, ...leftOut]);
  return findings
    .filter((finding) => !leftOutDetections.includes(String(finding.DetectionType)))
    .map((finding) => Object.fromEntries(Object.entries(finding).filter(([key]) => !dropped.has(key))))
    .sort((a, b) => `${a.DetectionType} ${a.EventTime}`.localeCompare(`${b.DetectionType} ${b.EventTime}`));
}

const VARIANTS = layoutVariants();
const REFERENCE = VARIANTS[0]!;

describe('reference layout: Log Analytics JSON array', () => {
  let rows: CanonicalRow[];
  let hunt: HuntJson;

  beforeAll(async () => {
    const folder = await writeVariant(REFERENCE);
    rows = await inspectRows([folder]);
    hunt = (await runCliJson([folder])).json;
  });

  it('reads all eight sign-ins', () => {
    expect(rows.map((row) => row.record_id)).toEqual(FIXTURE_SIGN_INS.map((signIn) => signIn.id));
  });

  it('gives each row its disposition', () => {
    const failed = rows.filter((row) => row.disposition === 'failed').map((row) => row.user_principal_name);
    expect(failed).toEqual(['cleo@example.test']);
    expect(rows.filter((row) => row.disposition === 'in_scope')).toHaveLength(7);
  });

  it('reads times, places and steps', () => {
    expect(sharedFields(rows[3]!)).toEqual({
      record_id: '00000000-0000-4000-8000-000000000004',
      event_time: '2024-03-01T11:15:00.000000Z',
      user_principal_name: 'ben@example.test',
      user_id: '00000000-0000-4000-b000-000000000002',
      ip_address: '198.51.100.6',
      country: 'US',
      city: 'Seattle',
      result_code: 0,
      authentication_requirement: 'singleFactorAuthentication',
      status_additional_details: 'MFA requirement satisfied by claim in the token',
      correlation_id: '00000000-0000-4000-c000-000000000004',
      disposition: 'in_scope',
      step_methods: ['Previously satisfied'],
    });
    expect(rows[4]!.result_code).toBe(50126);
  });

  it('finds the travel pair, the session reuse and the new contexts', () => {
    const summary = hunt.findings
      .map((finding) => [finding.DetectionType, finding.UserPrincipalName, finding.EventTime])
      .sort((a, b) => String(a).localeCompare(String(b)));
    // Every fixture sign-in has its own ASN, so each token claim comes from an ASN and an IP
    // without a fresh MFA, and ada's non-interactive token is the first use of its ASN.
    expect(summary).toEqual([
      ['ClaimFromNewContext', 'ada@example.test', '2024-03-01T13:00:00.000000Z'],
      ['ClaimFromNewContext', 'ben@example.test', '2024-03-01T11:15:00.000000Z'],
      ['ImpossibleTravel', 'ada@example.test', '2024-03-01T10:40:00.000000Z'],
      ['MFABypassCookieReuse', 'ben@example.test', '2024-03-01T11:15:00.000000Z'],
      ['TokenNewContext', 'ada@example.test', '2024-03-01T13:00:00.000000Z'],
      ['Velocity', 'ada@example.test', '2024-03-01T10:40:00.000000Z'],
    ]);
  });

  it('pairs the travel with the Berlin sign-in', () => {
    const travel = hunt.findings.find((finding) => finding.DetectionType === 'ImpossibleTravel');
    expect(travel).toMatchObject({ Country: 'BR', PriorCountry: 'DE', PriorIPAddress: '192.0.2.10', TimeDiffMinutes: 40 });
  });
});

describe.concurrent('every layout gives the reference rows and findings', () => {
  let referenceRows: Record<string, unknown>[];
  let referenceFindings: HuntJson['findings'];

  beforeAll(async () => {
    const folder = await writeVariant(REFERENCE);
    referenceRows = comparableRows(await inspectRows([folder]));
    referenceFindings = (await runCliJson([folder])).json.findings;
  });

  for (const variant of VARIANTS.slice(1)) {
    it(`${variant.label}: canonical rows`, async ({ expect }) => {
      const folder = await writeVariant(variant);
      const rows = await inspectRows([folder]);
      expect(comparableRows(rows)).toEqual(referenceRows);
    });

    it(`${variant.label}: findings and layout`, async ({ expect }) => {
      const folder = await writeVariant(variant);
      const { json } = await runCliJson([folder]);
      const signInFiles = (json.accounting.files as FileAccount[]).filter((file) => file.kind === 'sign-ins');
      expect(new Set(signInFiles.map((file) => file.shape))).toEqual(new Set([variant.shape]));
      expect(json.accounting.rejectedTotal).toBe(0);
      expect(comparableFindings(json.findings, variant.missingFindingFields, variant.missingDetections)).toEqual(
        comparableFindings(referenceFindings, variant.missingFindingFields, variant.missingDetections),
      );
    });
  }
});

describe('one folder holding every layout', () => {
  let folder: string;
  let hunt: HuntJson;
  let files: FileAccount[];
  let referenceFindings: HuntJson['findings'];

  /** Expected record count per file path. */
  const recordsByPath = new Map<string, number>();

  beforeAll(async () => {
    folder = await makeTempFolder();
    // The numeric prefix makes the reference layout the first file read, so its copy of each
    // sign-in is the one kept when the others are removed as duplicates.
    for (const [index, variant] of VARIANTS.entries()) {
      const subfolder = path.join(folder, `${String(index).padStart(2, '0')}-${variant.label}`);
      await writeFiles(subfolder, variant.files);
      for (const file of variant.files) recordsByPath.set(path.join(subfolder, file.name), file.records);
    }
    hunt = (await runCliJson([folder])).json;
    files = hunt.accounting.files as FileAccount[];
    referenceFindings = (await runCliJson([await writeVariant(REFERENCE)])).json.findings;
  });

  it('reads every file in one call', () => {
    expect(files.map((file) => file.path).sort()).toEqual([...recordsByPath.keys()].sort());
    expect(hunt.accounting.rejectedTotal).toBe(0);
  });

  it('reads every record of each file', () => {
    for (const file of files) {
      expect({ path: file.path, rowsRead: file.rowsRead }).toEqual({ path: file.path, rowsRead: recordsByPath.get(file.path) });
    }
  });

  it('accounts for every sign-in row', () => {
    const signInFiles = files.filter((file) => file.kind === 'sign-ins');
    const read = signInFiles.reduce((sum, file) => sum + file.rowsRead, 0);
    const accounted = signInFiles.reduce(
      (sum, file) =>
        sum + file.inScope + file.duplicates + file.failed + file.notUserSignIn + file.rejected + file.outOfRange + file.outsideRuleTable,
      0,
    );
    expect(accounted).toBe(read);
    for (const file of signInFiles) {
      const fileSum =
        file.inScope + file.duplicates + file.failed + file.notUserSignIn + file.rejected + file.outOfRange + file.outsideRuleTable;
      expect({ path: file.path, accounted: fileSum }).toEqual({ path: file.path, accounted: file.rowsRead });
    }
  });

  it('keeps one copy of each sign-in', () => {
    const signInFiles = files.filter((file) => file.kind === 'sign-ins');
    const read = signInFiles.reduce((sum, file) => sum + file.rowsRead, 0);
    const duplicates = signInFiles.reduce((sum, file) => sum + file.duplicates, 0);
    const inScope = signInFiles.reduce((sum, file) => sum + file.inScope, 0);
    const failed = signInFiles.reduce((sum, file) => sum + file.failed, 0);
    expect(read).toBe(FIXTURE_SIGN_INS.length * VARIANTS.length);
    expect(duplicates).toBe(read - FIXTURE_SIGN_INS.length);
    expect(inScope).toBe(7);
    expect(failed).toBe(1);
  });

  it('accounts for every authentication step row', () => {
    const stepFiles = files.filter((file) => file.kind === 'auth-steps');
    expect(stepFiles).toHaveLength(2);
    for (const file of stepFiles) {
      expect({ path: file.path, accounted: file.stepsAttached + file.stepsUnmatched + file.rejected }).toEqual({
        path: file.path,
        accounted: file.rowsRead,
      });
    }
  });

  it('gives the single-file findings', () => {
    expect(comparableFindings(hunt.findings)).toEqual(comparableFindings(referenceFindings));
  });

  it('reports findings from the first copy', () => {
    const sources = hunt.findings.map((finding) => path.relative(folder, String(finding.SourceFile)));
    expect(sources.every((source) => source.startsWith(`00-${REFERENCE.label}${path.sep}`))).toBe(true);
  });
});

describe('real samples', () => {
  const samples = realSamplesFolder();

  it('sign-in_adelete.csv reads 56 rows', async () => {
    const { json } = await runCliJson([path.join(samples, 'sign-in_adelete.csv')]);
    expect(json.accounting.files[0]).toMatchObject({ rowsRead: 56, rejected: 0 });
  });

  it('SigninLogs_clean.json reads 5 rows', async () => {
    const { json } = await runCliJson([path.join(samples, 'SigninLogs_clean.json')]);
    expect(json.accounting.files[0]).toMatchObject({ rowsRead: 5, rejected: 0 });
  });

  it('test-signinlogs-sample.log reads 2 Azure Monitor rows', async () => {
    const { json } = await runCliJson([path.join(samples, 'test-signinlogs-sample.log')]);
    expect(json.accounting.files[0]).toMatchObject({ rowsRead: 2, rejected: 0, shape: 'azure-monitor' });
  });

  it('disable_accounts.csv is rejected without a time column', async () => {
    const result = await runCli([path.join(samples, 'disable_accounts.csv')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('disable_accounts.csv: no time column');
  });
});

describe('timestamp parser on the corner-case time values', () => {
  /**
   * Each `time` value of the sample, in sample order, and the instant it means. Slash dates
   * are read month first, as the sample's source writes 9 January 2007. The fraction is kept
   * to six digits and further digits are truncated, not rounded. Every value in the sample is
   * readable with a date order given, so none is rejected.
   */
  const EXPECTED_MONTH_FIRST: readonly [string, string][] = [
    ['01/09/2007 09:41:00', '2007-01-09T09:41:00.000000Z'],
    ['1/9/2007 09:41:00', '2007-01-09T09:41:00.000000Z'],
    ['01/09/2007 09:41:00 AM', '2007-01-09T09:41:00.000000Z'],
    ['1/9/2007 9:41:00 AM', '2007-01-09T09:41:00.000000Z'],
    ['1/9/2007 10:41:00 AM +01:00', '2007-01-09T09:41:00.000000Z'],
    ['2007-01-09T09:41:00', '2007-01-09T09:41:00.000000Z'],
    ['2007-01-09T09:41:00.22Z', '2007-01-09T09:41:00.220000Z'],
    ['2007-01-09T09:41:00.6816663Z', '2007-01-09T09:41:00.681666Z'],
    ['2007-01-09T09:41:00.535404056Z', '2007-01-09T09:41:00.535404Z'],
    ['2007-01-09T09:41:00.992099+00:00', '2007-01-09T09:41:00.992099Z'],
    ['2007-01-09T11:41:00+02:00', '2007-01-09T09:41:00.000000Z'],
  ];

  let file: string;
  let times: string[];

  beforeAll(async () => {
    const sample = await readFile(path.join(realSamplesFolder(), 'test-time-formats-corner-cases.log'), 'utf8');
    times = sample
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { time: string }).time);
    const records = times.map((time, index) => ({
      time,
      category: 'SignInLogs',
      operationName: 'Sign-in activity',
      resultType: '0',
      location: 'DE',
      properties: {
        id: `00000000-0000-4000-8000-0000000001${String(index).padStart(2, '0')}`,
        userPrincipalName: 'ada@example.test',
        userId: '00000000-0000-4000-b000-000000000001',
        ipAddress: '192.0.2.1',
        status: { errorCode: 0 },
      },
    }));
    file = path.join(await makeTempFolder(), 'PT1H.json');
    await writeFile(file, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
  });

  it('sample holds the expected values', () => {
    expect(times).toEqual(EXPECTED_MONTH_FIRST.map(([time]) => time));
  });

  it('reads every value month first', async () => {
    const rows = await inspectRows(['--date-order', 'mdy', file]);
    const parsed = rows.map((row) => [row.event_time_text, row.event_time, row.reject_reason]);
    expect(parsed).toEqual(EXPECTED_MONTH_FIRST.map(([time, instant]) => [time, instant, null]));
  });

  it('reads slash dates day first', async () => {
    const rows = await inspectRows(['--date-order', 'dmy', file]);
    const slashTimes = rows.filter((row) => String(row.event_time_text).includes('/'));
    expect(slashTimes.map((row) => row.event_time)).toEqual(Array(5).fill('2007-09-01T09:41:00.000000Z'));
  });

  it('marks the zoneless values as taken as UTC', async () => {
    const rows = await inspectRows(['--date-order', 'mdy', file]);
    const zoneless = rows.filter((row) => row.event_time_zoneless === true).map((row) => row.event_time_text);
    expect(zoneless).toEqual([
      '01/09/2007 09:41:00',
      '1/9/2007 09:41:00',
      '01/09/2007 09:41:00 AM',
      '1/9/2007 9:41:00 AM',
      '2007-01-09T09:41:00',
    ]);
  });

  it('rejects an invalid value, quoting it', async () => {
    // Invented, not from the sample: hour 25 does not exist, so the row cannot have a time.
    const invalid = path.join(await makeTempFolder(), 'PT1H.json');
    const record = {
      time: '2007-01-09T25:41:00Z',
      category: 'SignInLogs',
      operationName: 'Sign-in activity',
      resultType: '0',
      properties: { id: '00000000-0000-4000-8000-000000000199', userPrincipalName: 'ada@example.test', status: { errorCode: 0 } },
    };
    await writeFile(invalid, `${JSON.stringify(record)}\n`);
    const rows = await inspectRows([invalid]);
    expect(rows.map((row) => [row.disposition, row.event_time])).toEqual([['rejected', null]]);
    expect(rows[0]!.reject_reason).toContain('"2007-01-09T25:41:00Z"');
  });

  it('asks for a date order when none settles it', async () => {
    const result = await runCli(['inspect', '--rows', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"01/09/2007 09:41:00"');
    expect(result.stderr).toContain('--date-order');
  });
});
