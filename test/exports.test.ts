import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';

import { makeTempFolder, signIn } from './helpers/fixtures.js';
import { REPO_ROOT, runCli } from './helpers/runCli.js';

type Finding = Record<string, string | number | boolean | null>;

let folder = '';
let reference: Finding[] = [];

beforeAll(async () => {
  folder = await makeTempFolder();
  const outs = ['findings.parquet', 'findings.csv', 'findings.json', 'findings.ndjson', 'findings.arrows', "it's here.parquet"];
  const args = outs.flatMap((name) => ['--out', path.join(folder, name)]);
  const result = await runCli(['--format', 'json', '-q', ...args, path.join(REPO_ROOT, 'samples/json')]);
  expect(result.code).toBe(1);
  reference = JSON.parse(result.stdout).findings;
  expect(reference.length).toBeGreaterThan(0);
});

/** Reads rows with DuckDB, times as the CLI's ISO form, so they compare with the JSON findings. */
async function readWithDuckDb(sql: string): Promise<Finding[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  const reader = await connection.runAndReadAll(sql);
  const rows = reader.getRowObjectsJson() as Finding[];
  connection.closeSync();
  instance.closeSync();
  return rows;
}

const isoColumns = ['TimeGenerated', 'EventTime', 'PriorSignIn']
  .map((name) => `strftime(${name}, '%Y-%m-%dT%H:%M:%S.%fZ') AS ${name}`)
  .join(', ');

describe('file exports', () => {
  it('NDJSON file equals the JSON findings', async () => {
    const lines = (await readFile(path.join(folder, 'findings.ndjson'), 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(reference);
  });

  it('JSON file carries summary and findings', async () => {
    const document = JSON.parse(await readFile(path.join(folder, 'findings.json'), 'utf8'));
    expect(document.findings).toEqual(reference);
    expect(document.mode).toBe('default');
  });

  it('Parquet keeps types and microseconds', async () => {
    const file = path.join(folder, 'findings.parquet').replaceAll("'", "''");
    const rows = await readWithDuckDb(
      `SELECT * REPLACE (${isoColumns}, SourceRow::INTEGER AS SourceRow, PriorSourceRow::INTEGER AS PriorSourceRow, AutonomousSystemNumber::INTEGER AS AutonomousSystemNumber, PriorAutonomousSystemNumber::INTEGER AS PriorAutonomousSystemNumber, SourceLine::INTEGER AS SourceLine, PriorSourceLine::INTEGER AS PriorSourceLine)
       FROM read_parquet('${file}')`,
    );
    expect(rows).toEqual(reference);
    const types = await readWithDuckDb(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${file}'))`);
    expect(types.find((row) => row.column_name === 'EventTime')?.column_type).toBe('TIMESTAMP WITH TIME ZONE');
    expect(types.find((row) => row.column_name === 'IsCookieReuse')?.column_type).toBe('BOOLEAN');
    const metadata = await readWithDuckDb(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${file}')`);
    expect(metadata).toContainEqual({ key: 'hunt_cookies.mode', value: 'default' });
  });

  it('Parquet path with a quote works', async () => {
    const file = path.join(folder, "it's here.parquet").replaceAll("'", "''");
    const rows = await readWithDuckDb(`SELECT count(*)::INTEGER AS n FROM read_parquet('${file}')`);
    expect(rows[0]!.n).toBe(reference.length);
  });

  it('CSV reads back as the same values', async () => {
    const file = path.join(folder, 'findings.csv');
    const rows = await readWithDuckDb(
      `SELECT * REPLACE (${isoColumns}, SourceRow::INTEGER AS SourceRow, PriorSourceRow::INTEGER AS PriorSourceRow, AutonomousSystemNumber::INTEGER AS AutonomousSystemNumber, PriorAutonomousSystemNumber::INTEGER AS PriorAutonomousSystemNumber, SourceLine::INTEGER AS SourceLine, PriorSourceLine::INTEGER AS PriorSourceLine)
       FROM read_csv('${file}', header = true, types = {'EventTime': 'TIMESTAMPTZ', 'TimeGenerated': 'TIMESTAMPTZ', 'PriorSignIn': 'TIMESTAMPTZ', 'TimeDiffMinutes': 'DOUBLE', 'IsCookieReuse': 'BOOLEAN', 'IsInteractive': 'BOOLEAN'}, all_varchar = false)`,
    );
    expect(rows).toEqual(reference);
  });

  it('Arrow stream keeps raw microseconds', async () => {
    const table = tableFromIPC(await readFile(path.join(folder, 'findings.arrows')));
    expect(table.numRows).toBe(reference.length);
    const eventTime = table.getChild('EventTime')!;
    for (const [index, finding] of reference.entries()) {
      const micros = eventTime.data[0]!.values[index] as bigint;
      const expected = BigInt(Date.parse(String(finding.EventTime).slice(0, 19) + 'Z')) * 1000n + BigInt(String(finding.EventTime).slice(20, 26));
      expect(micros).toBe(expected);
    }
  });
});

describe('run manifest', () => {
  it('records inputs and reproduces the run', async () => {
    const outFolder = await makeTempFolder();
    const manifestFile = path.join(outFolder, 'manifest.json');
    const input = path.join(REPO_ROOT, 'samples/csv');
    const first = await runCli(['--format', 'json', '-q', '--window', '45', '--manifest', manifestFile, input]);
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));

    expect(manifest.commandLine).toEqual(['--format', 'json', '-q', '--window', '45', '--manifest', manifestFile, input]);
    expect(manifest.parameters.windowMinutes).toBe(45);
    expect(manifest.tool.duckdb).toMatch(/^v\d/);
    expect(manifest.detections.map((detection: { file: string }) => detection.file)).toEqual([
      'sql/detections/default/claim-from-new-context.sql',
      'sql/detections/default/impossible-travel.sql',
      'sql/detections/default/mfa-bypass-cookie-reuse.sql',
      'sql/detections/default/session-replay.sql',
      'sql/detections/default/token-new-context.sql',
      'sql/detections/default/velocity.sql',
    ]);
    expect(manifest.detections[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.inputs.map((file: { rowsRead: number }) => file.rowsRead)).toEqual([15, 39]);
    expect(manifest.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(manifest.finishedAt)).toBeGreaterThanOrEqual(Date.parse(manifest.startedAt));

    // The same command line without the manifest option, run where the first ran.
    const rerunArgs = manifest.commandLine.filter((arg: string, index: number, all: string[]) => arg !== '--manifest' && all[index - 1] !== '--manifest');
    const second = await runCli(rerunArgs, { cwd: manifest.workingDirectory });
    expect(JSON.parse(second.stdout).findings).toEqual(JSON.parse(first.stdout).findings);
  });

  it('is embedded in Parquet exports', async () => {
    const file = path.join(folder, 'findings.parquet').replaceAll("'", "''");
    const rows = await readWithDuckDb(
      `SELECT decode(value) AS value FROM parquet_kv_metadata('${file}') WHERE decode(key) = 'hunt_cookies.manifest'`,
    );
    const manifest = JSON.parse(String(rows[0]!.value));
    expect(manifest.inputs.length).toBe(2);
    expect(manifest.finishedAt).toBeNull();
  });
});

describe('finding provenance', () => {
  it('names the SHA-256 of its source file', async () => {
    const { createHash } = await import('node:crypto');
    for (const finding of reference) {
      const bytes = await readFile(path.resolve(REPO_ROOT, String(finding.SourceFile)));
      expect(finding.SourceSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});

describe('Timesketch timeline', () => {
  it('has the required fields and exact times', async () => {
    const outFolder = await makeTempFolder();
    const timeline = path.join(outFolder, 'timeline.jsonl');
    const result = await runCli(['--format', 'json', '-q', '--timesketch', timeline, path.join(REPO_ROOT, 'samples/json')]);
    const findings = JSON.parse(result.stdout).findings as Finding[];
    const events = (await readFile(timeline, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));

    expect(events).toHaveLength(findings.length);
    for (const [index, event] of events.entries()) {
      const finding = findings[index]!;
      expect(event.datetime).toBe(finding.EventTime);
      const [seconds, fraction] = String(finding.EventTime).replace('Z', '').split('.');
      expect(event.timestamp).toBe(Date.parse(`${seconds}Z`) * 1000 + Number(fraction));
      expect(Number.isInteger(event.timestamp)).toBe(true);
      expect(event.timestamp_desc).toBe('Sign-in time (CreatedDateTime)');
      expect(event.message).toContain(String(finding.UserPrincipalName));
      expect(event).toMatchObject({ detection: finding.DetectionType, severity: finding.Severity, source_row: finding.SourceRow });
      expect(['low', 'medium', 'high']).toContain(event.severity);
      expect(event.incident_id).toBe(finding.IncidentId);
      expect(event.incident_id).toMatch(/^INC-\d{3}$/);
      expect(event.source_sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

describe('evidence export', () => {
  it('keeps the flagged user around the findings', async () => {
    const { writeNdjson } = await import('./helpers/fixtures.js');
    const outFolder = await makeTempFolder();
    const input = await writeNdjson(outFolder, 'tenant.ndjson', [
      signIn('rita@example.test', '2024-03-01T10:00:00Z', 'US'),
      signIn('rita@example.test', '2024-03-01T10:20:00Z', 'BR'),
      signIn('rita@example.test', '2024-03-01T11:00:00Z', 'BR', { ResultType: '50126' }),
      signIn('rita@example.test', '2024-03-04T10:00:00Z', 'US'),
      signIn('sam@example.test', '2024-03-01T10:05:00Z', 'US'),
    ]);
    const evidence = path.join(outFolder, 'evidence.parquet');
    const result = await runCli(['-q', '--evidence', evidence, input]);
    expect(result.code).toBe(1);

    const rows = await readWithDuckDb(
      `SELECT user_principal_name, source_row::INTEGER AS source_row, disposition
       FROM read_parquet('${evidence.replaceAll("'", "''")}') ORDER BY source_row`,
    );
    expect(rows).toEqual([
      { user_principal_name: 'rita@example.test', source_row: 1, disposition: 'in_scope' },
      { user_principal_name: 'rita@example.test', source_row: 2, disposition: 'in_scope' },
      { user_principal_name: 'rita@example.test', source_row: 3, disposition: 'failed' },
    ]);
  });
});

describe('source lines', () => {
  const travelPair = async (name: string, content: string) => {
    const outFolder = await makeTempFolder();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(outFolder, name), content);
    const result = await runCli(['--format', 'json', '-q', path.join(outFolder, name)]);
    const [finding] = JSON.parse(result.stdout).findings;
    return [finding.SourceRow, finding.SourceLine, finding.PriorSourceRow, finding.PriorSourceLine];
  };
  const first = signIn('line@example.test', '2024-03-01T10:00:00Z', 'US');
  const second = signIn('line@example.test', '2024-03-01T10:10:00Z', 'CL');

  it('NDJSON with blank lines', async () => {
    const content = `\n${JSON.stringify(first)}\n\n   \n${JSON.stringify(second)}\n`;
    expect(await travelPair('blank.ndjson', content)).toEqual([2, 5, 1, 2]);
  });

  it('pretty-printed JSON array', async () => {
    const content = JSON.stringify([first, second], null, 2);
    // Each element opens with "  {" at the array's indentation; the second one is the finding.
    const secondStart = content.split('\n').findIndex((line, index) => index > 1 && line === '  {') + 1;
    expect(secondStart).toBeGreaterThan(10);
    expect(await travelPair('pretty.json', content)).toEqual([2, secondStart, 1, 2]);
  });

  it('CSV after a rejected line', async () => {
    const header = 'TimeGenerated,UserPrincipalName,ResultType,Location';
    const content = `${header}\n2024-03-01T09:00:00Z,other@example.test,0,US,extra\n2024-03-01T10:00:00Z,line@example.test,0,US\n"2024-03-01T10:10:00Z",line@example.test,0,CL\n`;
    expect(await travelPair('rejected.csv', content)).toEqual([2, 4, 1, 3]);
  });
});
