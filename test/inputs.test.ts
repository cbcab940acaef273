import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { makeTempFolder, signIn, writeNdjson } from './helpers/fixtures.js';
import { runCli, runCliJson } from './helpers/runCli.js';

const records = [
  signIn('ada@example.test', '2024-03-01T10:00:00Z', 'DE', { UserAgent: 'Mozilla/5.0 ü' }),
  signIn('ada@example.test', '2024-03-01T10:30:00Z', 'BR'),
];

/** Runs the CLI on one file with the given bytes and returns its JSON output. */
async function huntBytes(name: string, bytes: Buffer) {
  const folder = await makeTempFolder();
  const file = path.join(folder, name);
  await writeFile(file, bytes);
  return runCliJson([file]);
}

function utf16(text: string, order: 'le' | 'be'): Buffer {
  const little = Buffer.from(text, 'utf16le');
  if (order === 'le') return Buffer.concat([Buffer.from([0xff, 0xfe]), little]);
  return Buffer.concat([Buffer.from([0xfe, 0xff]), little.swap16()]);
}

describe('encodings', () => {
  const array = JSON.stringify(records);
  const lines = records.map((record) => JSON.stringify(record)).join('\r\n');
  const variants: [string, string, Buffer][] = [
    ['UTF-8 array', 'a.json', Buffer.from(array)],
    ['UTF-8 BOM array', 'b.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(array)])],
    ['UTF-8 BOM NDJSON with CRLF', 'c.ndjson', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines)])],
    ['UTF-16LE array', 'd.json', utf16(array, 'le')],
    ['UTF-16BE NDJSON', 'e.ndjson', utf16(lines, 'be')],
  ];

  for (const [label, name, bytes] of variants) {
    it(`${label} gives the same finding`, async () => {
      const { json } = await huntBytes(name, bytes);
      expect(json.accounting.files[0]).toMatchObject({ rowsRead: 2, inScope: 2, rejected: 0 });
      expect(json.findings.map((finding) => [finding.PriorCountry, finding.Country, finding.TimeDiffMinutes])).toEqual([
        ['DE', 'BR', 30],
      ]);
    });
  }

  it('leaves the evidence file unchanged', async () => {
    const bytes = utf16(array, 'le');
    const folder = await makeTempFolder();
    const file = path.join(folder, 'evidence.json');
    await writeFile(file, bytes);
    await runCliJson([file]);
    expect(Buffer.compare(await readFile(file), bytes)).toBe(0);
  });
});

describe('folders and mixed formats', () => {
  it('reads a folder recursively, JSON and NDJSON together', async () => {
    const folder = await makeTempFolder();
    await writeFile(path.join(folder, 'first.json'), JSON.stringify([records[0]]));
    await mkdir(path.join(folder, 'nested'));
    await writeNdjson(path.join(folder, 'nested'), 'second.ndjson', [records[1]!]);
    await writeFile(path.join(folder, 'notes.md'), 'not an export');
    const { json } = await runCliJson([folder]);
    expect(json.accounting.files.map((file) => path.relative(folder, file.path))).toEqual(['first.json', 'nested/second.ndjson']);
    expect(json.findings).toHaveLength(1);
    expect(json.findings[0]!.PriorSourceFile).toBe(path.join(folder, 'first.json'));
  });
});

describe('bad input', () => {
  it('truncated JSON array is exit 2 and says truncated', async () => {
    const folder = await makeTempFolder();
    const file = path.join(folder, 'cut.json');
    await writeFile(file, JSON.stringify(records).slice(0, -40));
    const result = await runCli([file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cut.json: the JSON ends before its last value closes, so the file looks truncated');
    expect(result.stdout).toBe('');
  });

  it('malformed NDJSON line rejects that row only', async () => {
    const folder = await makeTempFolder();
    const file = path.join(folder, 'lines.ndjson');
    const lines = records.map((record) => JSON.stringify(record));
    await writeFile(file, [lines[0], '{"TimeGenerated": oops', lines[1]].join('\n'));
    const result = await runCli(['--format', 'json', file]);
    const json = JSON.parse(result.stdout);
    expect(json.accounting.files[0]).toMatchObject({ rowsRead: 3, rejected: 1, inScope: 2 });
    expect(json.accounting.rejectedRows).toEqual([{ file, row: 2, unit: 'row', reason: 'malformed JSON record' }]);
    expect(result.stderr).toContain(`rejected ${file} row 2: malformed JSON record`);
  });

  it('malformed CSV line is charged to its file only', async () => {
    const folder = await makeTempFolder();
    const header = 'TimeGenerated,UserPrincipalName,ResultType,Location';
    await writeFile(path.join(folder, 'a-bad.csv'), `${header}\n2024-03-01T10:00:00Z,a@example.test,0,US\n2024-03-01T10:05:00Z,a@example.test,0,DE,extra\n2024-03-01T10:10:00Z,a@example.test,0,FR\n`);
    await writeFile(path.join(folder, 'b-good.csv'), `${header}\n2024-03-01T11:00:00Z,b@example.test,0,US\n`);
    const result = await runCli(['--format', 'json', folder]);
    const json = JSON.parse(result.stdout);
    expect(json.accounting.files.map((file: { rowsRead: number; rejected: number }) => [file.rowsRead, file.rejected])).toEqual([
      [3, 1],
      [1, 0],
    ]);
    expect(json.accounting.rejectedRows).toEqual([
      { file: path.join(folder, 'a-bad.csv'), row: 3, unit: 'line', reason: 'malformed CSV line: too many columns, Expected Number of Columns: 4 Found: 5' },
    ]);
    expect(result.stderr).toContain('a-bad.csv: record numbers after line 3 count only the records that could be parsed');
  });

  it('rows with bad values are rejected with reasons', async () => {
    const { json } = await runCliJson([
      await writeNdjson(await makeTempFolder(), 'values.ndjson', [
        signIn('bo@example.test', '2024-03-01T10:00:00Z', 'US', { CreatedDateTime: '31/31/2024 10:00' }),
        signIn('bo@example.test', '2024-03-01T10:00:00Z', 'US', { UserPrincipalName: '', UserId: null }),
        signIn('bo@example.test', '2024-03-01T10:00:00Z', 'US', { ResultType: 'abc' }),
        signIn('bo@example.test', '2024-03-01T10:00:00Z', 'US', { TimeGenerated: null, CreatedDateTime: '' }),
        signIn('bo@example.test', '2024-03-01T10:00:00Z', 'US'),
      ]),
    ]);
    expect(json.accounting.rejectedRows.map((row) => [row.row, row.reason])).toEqual([
      [1, 'invalid CreatedDateTime value "31/31/2024 10:00"'],
      [2, 'no UserPrincipalName or UserId value'],
      [3, 'invalid ResultType value "abc"'],
      [4, 'no CreatedDateTime or TimeGenerated value'],
    ]);
    expect(json.totals).toMatchObject({ rowsRead: 5, rejected: 4, inScope: 1 });
  });

  it('no usable row is exit 2', async () => {
    const file = await writeNdjson(await makeTempFolder(), 'unusable.ndjson', [
      signIn('bo@example.test', '2024-03-01T10:00:00Z', 'US', { CreatedDateTime: 'yesterday' }),
    ]);
    const result = await runCli([file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('invalid CreatedDateTime value "yesterday"');
    expect(result.stderr).toContain('no usable sign-in in 1 rows read');
  });

  it('empty JSON array says no records', async () => {
    const folder = await makeTempFolder();
    await writeFile(path.join(folder, 'none.json'), '[]');
    const result = await runCli([path.join(folder, 'none.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('none.json: the file contains no records.');
  });

  const failures: [string, string, string | Buffer, string][] = [
    ['unknown layout', 'other.csv', 'a,b,c\n1,2,3\n', 'other.csv: unknown export layout. Found columns: a, b, c.'],
    ['empty file', 'empty.json', '', 'empty.json: the file is empty.'],
    ['binary file', 'blob.json', Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04]), 'blob.json: binary data'],
    ['no time column', 'notime.csv', 'UserPrincipalName,ResultType\na@example.test,0\n', 'notime.csv: no time column.'],
    [
      'local time column',
      'local.csv',
      'TimeGenerated [Local Time],UserPrincipalName,ResultType\n"3/1/2024, 10:00:00.000 AM",a@example.test,0\n',
      'local.csv: column "TimeGenerated [Local Time]" holds the browser\'s local time',
    ],
  ];

  for (const [label, name, content, message] of failures) {
    it(`${label} is exit 2 with the file named`, async () => {
      const folder = await makeTempFolder();
      const file = path.join(folder, name);
      await writeFile(file, content);
      const result = await runCli([file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('--skip-unreadable hunts the other files', async () => {
    const folder = await makeTempFolder();
    await writeNdjson(folder, 'good.ndjson', records);
    await writeFile(path.join(folder, 'bad.csv'), 'a,b\n1,2\n');
    const without = await runCli([folder]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('add --skip-unreadable');
    const { code, json } = await runCliJson(['--skip-unreadable', folder]);
    expect(code).toBe(1);
    expect(json.findings).toHaveLength(1);
    expect((json.accounting as unknown as { skippedFiles: { path: string }[] }).skippedFiles.map((file) => path.basename(file.path))).toEqual(['bad.csv']);
  });
});

describe('usage errors', () => {
  const cases: [string, string[], string][] = [
    ['missing path', [], "missing required argument 'paths'"],
    ['unknown option', ['--bogus', 'x'], "unknown option '--bogus'"],
    ['missing file', ['/nonexistent/signins.json'], '/nonexistent/signins.json: no such file or folder.'],
    ['bad --now', ['--now', 'yesterday', 'x'], '--now: invalid time "yesterday"'],
    ['bad --lookback', ['--lookback', '2 weeks', 'x'], '--lookback: invalid duration "2 weeks"'],
    ['bad --window', ['--window', '0', 'x'], '--window: invalid number of minutes "0"'],
    ['bad --format', ['--format', 'xml', 'x'], "argument 'xml' is invalid"],
    ['--since with --kql-compat', ['--kql-compat', '--since', '2024-01-01', 'x'], '--since and --until are not part of the Sentinel rule'],
    ['bad --out extension', ['--out', 'findings.xlsx', 'x'], '--out findings.xlsx: unsupported file type'],
    ['--out named twice', ['--out', 'a.arrow', '--out', './a.arrow', 'x'], '--out ./a.arrow: named twice'],
    ['same file for two outputs', ['--out', 'a.csv', '--report', 'a.csv', 'x'], '--report a.csv: named twice'],
    ['output folder missing', ['--out', 'no-such-folder/a.csv', 'x'], 'the folder no-such-folder does not exist'],
    ['--since after --until', ['--since', '2024-01-02', '--until', '2024-01-01', 'x'], 'is after --until'],
    ['bad --memory-limit', ['--memory-limit', 'lots', 'x'], '--memory-limit: invalid memory size "lots"'],
    ['tiny --memory-limit', ['--memory-limit', '1MB', 'x'], '--memory-limit: invalid memory size "1MB"'],
  ];

  for (const [label, args, message] of cases) {
    it(`${label} is exit 2`, async () => {
      const result = await runCli(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe('');
    });
  }

  it('--help and --version are exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: hunt-cookies [options] <paths...>');
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
