import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';

import { makeTempFolder } from './helpers/fixtures.js';
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
      `SELECT * REPLACE (${isoColumns}, SourceRow::INTEGER AS SourceRow, PriorSourceRow::INTEGER AS PriorSourceRow)
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
      `SELECT * REPLACE (${isoColumns}, SourceRow::INTEGER AS SourceRow, PriorSourceRow::INTEGER AS PriorSourceRow)
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
