import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';

import { makeTempFolder, signIn, writeNdjson } from './helpers/fixtures.js';
import { runCli } from './helpers/runCli.js';

const hostileApp = 'Outlook\u001b[2J\u001b]0;owned\u0007 \u202Egnp.exe';
const formulaApp = '=HYPERLINK("http://x.invalid","open") Outlook';

async function hostileInput(): Promise<string> {
  const singleFactorReuse = {
    AuthenticationRequirement: 'singleFactorAuthentication',
    AuthenticationDetails: [{ authenticationMethod: 'Previously satisfied' }],
  };
  return writeNdjson(await makeTempFolder(), 'hostile.ndjson', [
    signIn('eve@example.test', '2024-03-01T10:00:00.0001000Z', 'AU', { ...singleFactorReuse, AppDisplayName: hostileApp }),
    signIn('eve@example.test', '2024-03-01T10:00:00.0004000Z', 'NZ', { ...singleFactorReuse, AppDisplayName: formulaApp }),
  ]);
}

describe('table output', () => {
  it('neutralises escape sequences and bidi controls', async () => {
    const result = await runCli(['--findings', await hostileInput()]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/[\u001b\u0007\u202e\r]/);
    expect(result.stdout).toContain('Outlook\\x1B[2J');
    expect(result.stdout).toContain('2 sign-ins read from 1 file');
  });

  it('incident table stays inert too', async () => {
    const result = await runCli([await hostileInput()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('INC-001');
    expect(result.stdout).not.toMatch(/[\u001b\u0007\u202e\r]/);
  });

  it('keeps stderr free of spinner codes when piped', async () => {
    const result = await runCli([await hostileInput()]);
    expect(result.stderr).not.toMatch(/[\u001b\r]/);
  });
});

describe('JSON output', () => {
  it('keeps raw values and microseconds', async () => {
    const result = await runCli(['--format', 'ndjson', await hostileInput()]);
    const findings = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    const travel = findings.find((finding) => finding.DetectionType === 'ImpossibleTravel');
    expect(travel).toMatchObject({
      EventTime: '2024-03-01T10:00:00.000400Z',
      PriorSignIn: '2024-03-01T10:00:00.000100Z',
      PriorApp: hostileApp,
    });
    // 300 microseconds in minutes.
    expect(travel.TimeDiffMinutes).toBeCloseTo(300 / 60_000_000, 15);
  });
});

describe('CSV output', () => {
  it('neutralises formulas and keeps numbers', async () => {
    const result = await runCli(['--format', 'csv', await hostileInput()]);
    const lines = result.stdout.split('\r\n');
    expect(lines[0]).toMatch(/^DetectionType,DetectionId,Severity,Reason,TimeGenerated,EventTime,/);
    expect(result.stdout).toContain(`"'=HYPERLINK(""http://x.invalid"",""open"") Outlook"`);
    expect(result.stdout).not.toMatch(/,=HYPERLINK/);
    expect(result.stdout).toMatch(/,5e-6,|,0\.000005,/);
  });
});

describe('Arrow output', () => {
  it('round-trips microsecond timestamps exactly', async () => {
    const folder = await makeTempFolder();
    const outFile = path.join(folder, 'findings.arrow');
    const result = await runCli(['--out', outFile, '--format', 'json', await hostileInput()]);
    expect(result.code).toBe(1);

    const table = tableFromIPC(await readFile(outFile));
    const json = JSON.parse(result.stdout);
    expect(table.numRows).toBe(json.findings.length);
    expect(table.schema.metadata.get('hunt_cookies.mode')).toBe('default');

    const eventTime = table.getChild('EventTime')!;
    expect(String(eventTime.type)).toBe('Timestamp<MICROSECOND, UTC>');
    const travelRow = json.findings.findIndex((finding: { DetectionType: string }) => finding.DetectionType === 'ImpossibleTravel');
    const later = eventTime.data[0]!.values[travelRow] as bigint;
    const prior = table.getChild('PriorSignIn')!.data[0]!.values[travelRow] as bigint;
    expect(later - prior).toBe(300n);
    expect(later).toBe(1_709_287_200_000_400n);
    expect(table.getChild('PriorApp')!.get(travelRow)).toBe(hostileApp);
    expect(table.getChild('IsCookieReuse')!.get(1 - travelRow)).toBe(true);
    expect(table.getChild('SourceRow')!.get(travelRow)).toBe(2n);
  });

  it('never overwrites an existing file', async () => {
    const folder = await makeTempFolder();
    const outFile = path.join(folder, 'findings.arrow');
    const input = await hostileInput();
    await runCli(['--out', outFile, input]);
    const second = await runCli(['--out', outFile, input]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('findings.arrow: already exists');
    expect(second.stdout).toBe('');
  });
});

describe('closed stdout', () => {
  it('exits quietly when the reader stops', async () => {
    const { spawn } = await import('node:child_process');
    const { CLI } = await import('./helpers/runCli.js');
    // 3,000 sign-ins alternating between two countries give about 3,000 findings, more than a pipe buffer holds.
    const records = Array.from({ length: 3000 }, (_, index) =>
      signIn('pat@example.test', new Date(Date.UTC(2024, 2, 1, 10) + index * 1000).toISOString(), index % 2 ? 'US' : 'CA'),
    );
    const input = await writeNdjson(await makeTempFolder(), 'many.ndjson', records);
    const child = spawn(process.execPath, [CLI, '--format', 'ndjson', input]);
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('internal error');
    expect([0, 1]).toContain(code);
  });
});

describe('table layout', () => {
  it('stays aligned with wide and combining characters', async () => {
    const { default: stringWidth } = await import('string-width');
    const input = await writeNdjson(await makeTempFolder(), 'wide.ndjson', [
      signIn('wide@example.test', '2024-03-01T10:00:00Z', 'JP', { AppDisplayName: 'Outlook 認証アプリ' }),
      signIn('wide@example.test', '2024-03-01T10:10:00Z', 'FR', { AppDisplayName: 'Outlook Cafe\u0301 — très long nom d’application qui dépasse largement la colonne' }),
    ]);
    const result = await runCli([input], { env: { COLUMNS: '120' } });
    const tableLines = result.stdout.split('\n').filter((line) => /^[┌│├└]/.test(line));
    expect(tableLines.length).toBeGreaterThan(3);
    for (const line of tableLines) expect(stringWidth(line)).toBe(stringWidth(tableLines[0]!));
    expect(stringWidth(tableLines[0]!)).toBeLessThanOrEqual(120);
    expect(result.stdout).toContain('…');
  });

  it('uses no colour codes when NO_COLOR is set', async () => {
    const result = await runCli([await hostileInput()], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });
});

describe('file names', () => {
  it('work with quotes, spaces, unicode and a leading dash', async () => {
    const folder = await makeTempFolder();
    const records = [signIn('name@example.test', '2024-03-01T10:00:00Z', 'US'), signIn('name@example.test', '2024-03-01T10:10:00Z', 'KR')];
    const name = `-it's "a" file ünï 名前.ndjson`;
    await writeNdjson(folder, name, records);
    const result = await runCli(['--format', 'json', '-q', '--', path.join(folder, name)]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).findings[0].SourceFile).toBe(path.join(folder, name));
    const relative = await runCli(['--format', 'json', '-q', '--', name], { cwd: folder });
    expect(relative.code).toBe(1);
  });
});
