// Batch mode over several dumps, and the normalised-data cache, run as the built CLI.
import { appendFile, copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { makeTempFolder, signIn, writeNdjson } from './helpers/fixtures.js';
import { REPO_ROOT, runCli, runCliJson } from './helpers/runCli.js';

const SAMPLES = path.join(REPO_ROOT, 'samples');

interface BatchSummary {
  mode: string;
  dumps: {
    dump: string;
    folder: string | null;
    rejected: number | null;
    status: string;
    error: string | null;
    signIns: number | null;
    findings: number | null;
    incidents: { shown: number; bySeverity: Record<string, number> } | null;
  }[];
}

async function makeDumps() {
  const folder = await makeTempFolder();
  const broken = path.join(folder, 'customer-broken');
  await mkdir(broken);
  await writeFile(path.join(broken, 'export.csv'), 'a,b\n1,2\n');
  const clean = path.join(folder, 'customer-clean');
  await mkdir(clean);
  await writeNdjson(clean, 'SigninLogs.ndjson', [signIn('dana@example.test', '2026-01-05T10:00:00Z', 'GB')]);
  return { folder, broken, clean };
}

describe('batch', () => {
  it('hunts each dump and reports a broken one', async () => {
    const { folder, broken, clean } = await makeDumps();
    const outDir = path.join(folder, 'results');
    const result = await runCli(['batch', '--out-dir', outDir, path.join(SAMPLES, 'csv'), broken, clean]);

    expect(result.code).toBe(4);
    expect(result.stdout).toContain('3 dumps: 1 with findings, 1 clean, 1 failed.');
    expect(result.stderr).toContain(`${broken}: failed: ${path.join(broken, 'export.csv')}: unknown export layout.`);
    expect(result.stderr).not.toMatch(/\n\s+at /);

    const summary = JSON.parse(await readFile(path.join(outDir, 'batch-summary.json'), 'utf8')) as BatchSummary;
    expect(summary.dumps.map((dump) => [dump.folder === null ? null : path.basename(dump.folder), dump.status, dump.signIns, dump.findings])).toEqual([
      ['csv', 'findings', 54, 24],
      [null, 'failed', null, null],
      ['customer-clean', 'clean', 1, 0],
    ]);
    expect(existsSync(path.join(outDir, 'customer-broken'))).toBe(false);
    expect(summary.dumps[0]!.incidents?.bySeverity).toEqual({ low: 1, medium: 1, high: 5, critical: 3 });
    expect(summary.dumps[1]!.error).toContain('unknown export layout');

    expect((await readdir(path.join(outDir, 'csv'))).sort()).toEqual(['findings.json', 'manifest.json', 'report.html']);
    const single = await runCliJson([path.join(SAMPLES, 'csv')]);
    const perDump = JSON.parse(await readFile(path.join(outDir, 'csv', 'findings.json'), 'utf8'));
    expect(perDump.incidents).toEqual(single.json.incidents);
    expect(perDump.findings).toEqual(single.json.findings);
  });

  it('exits 1 with findings and 0 when clean', async () => {
    const { folder, clean } = await makeDumps();
    const withFindings = await runCli(['batch', '-q', '--out-dir', path.join(folder, 'a'), clean, path.join(SAMPLES, 'json')]);
    expect(withFindings.code).toBe(1);
    const cleanOnly = await runCli(['batch', '-q', '--out-dir', path.join(folder, 'b'), clean]);
    expect(cleanOnly.code).toBe(0);
    expect(cleanOnly.stdout).toContain('customer-clean');
  });

  it('applies tuning to every dump', async () => {
    const { folder } = await makeDumps();
    const outDir = path.join(folder, 'tuned');
    const result = await runCli([
      'batch', '-q', '--out-dir', outDir, '--config', path.join(SAMPLES, 'hunt-cookies.yaml'), '--min-severity', 'high', path.join(SAMPLES, 'csv'),
    ]);
    expect(result.code).toBe(1);
    const summary = JSON.parse(await readFile(path.join(outDir, 'batch-summary.json'), 'utf8')) as BatchSummary;
    // vera and breakglass are allow-listed; tara (medium) and carol (low) fall below high.
    expect(summary.dumps[0]!.incidents?.bySeverity).toEqual({ low: 0, medium: 0, high: 3, critical: 3 });
  });

  it('rejects an out-dir inside a dump', async () => {
    const { clean } = await makeDumps();
    const result = await runCli(['batch', '--out-dir', path.join(clean, 'results'), clean]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('results must never be written among the evidence');
  });

  it('rejects an out-dir holding a dump', async () => {
    const { folder, clean } = await makeDumps();
    const result = await runCli(['batch', '--out-dir', folder, clean]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`overlaps the dump ${clean}`);
    expect(existsSync(path.join(folder, 'batch-summary.json'))).toBe(false);
  });

  it('rejects a dump named twice', async () => {
    const { folder, clean } = await makeDumps();
    const result = await runCli(['batch', '--out-dir', path.join(folder, 'twice'), clean, `${clean}/`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${clean}/: named twice. Give each dump once.`);
  });

  it('counts a dump whose rows are all rejected', async () => {
    const { folder } = await makeDumps();
    const rejected = path.join(folder, 'customer-rejected');
    await mkdir(rejected);
    await writeNdjson(rejected, 'SigninLogs.ndjson', [
      signIn('hal@example.test', 'not a time', 'GB'),
      signIn('hal@example.test', '2026-13-45T99:00:00Z', 'GB'),
    ]);
    const outDir = path.join(folder, 'rejected-out');
    const result = await runCli(['batch', '-q', '--out-dir', outDir, rejected]);
    expect(result.code).toBe(4);
    const summary = JSON.parse(await readFile(path.join(outDir, 'batch-summary.json'), 'utf8')) as BatchSummary;
    expect(summary.dumps[0]).toMatchObject({ status: 'failed', signIns: 2, rejected: 2, folder: null });
    expect(summary.dumps[0]!.error).toContain(`The first: ${path.join(rejected, 'SigninLogs.ndjson')} row 1: invalid CreatedDateTime value "not a time".`);
  });

  it('never reuses an earlier batch folder', async () => {
    const { folder, clean } = await makeDumps();
    const outDir = path.join(folder, 'once');
    expect((await runCli(['batch', '-q', '--out-dir', outDir, clean])).code).toBe(0);
    const again = await runCli(['batch', '-q', '--out-dir', outDir, clean]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already contains the results of an earlier batch');
  });

  it('names dumps with the same base name apart', async () => {
    const { folder } = await makeDumps();
    const first = path.join(folder, 'one', 'export');
    const second = path.join(folder, 'two', 'export');
    for (const dump of [first, second]) {
      await mkdir(dump, { recursive: true });
      await writeNdjson(dump, 'SigninLogs.ndjson', [signIn('eve@example.test', '2026-01-05T10:00:00Z', 'GB')]);
    }
    const outDir = path.join(folder, 'out');
    expect((await runCli(['batch', '-q', '--out-dir', outDir, first, second])).code).toBe(0);
    expect((await readdir(outDir)).sort()).toEqual(['batch-summary.json', 'export', 'export-2']);
  });
});

describe('normalised-data cache', () => {
  it('gives the same results from the cache', async () => {
    const folder = await makeTempFolder();
    const cache = path.join(folder, 'cache');
    const first = await runCliJson(['--cache-dir', cache, SAMPLES]);
    const second = await runCliJson(['--cache-dir', cache, '--max-speed', '5000', SAMPLES]);
    const third = await runCliJson(['--cache-dir', cache, SAMPLES]);

    const firstCache = (first.json as unknown as { cache: { hit: boolean; key: string } }).cache;
    const thirdCache = (third.json as unknown as { cache: { hit: boolean; key: string } }).cache;
    expect(firstCache.hit).toBe(false);
    expect(thirdCache).toEqual({ ...firstCache, hit: true });
    expect(third.json.findings).toEqual(first.json.findings);
    expect(third.json.incidents).toEqual(first.json.incidents);
    expect(third.json.accounting).toEqual(first.json.accounting);
    // Other thresholds reuse the entry: of the 8 velocity findings, frank's return at
    // 1,109 km/h and vera's 1,730 km/h fall under 5,000 km/h.
    expect((second.json as unknown as { cache: { hit: boolean } }).cache.hit).toBe(true);
    expect(second.json.findings.filter((finding) => finding.DetectionType === 'Velocity').length).toBe(6);
    expect(await readdir(cache)).toEqual([firstCache.key]);
  });

  it('misses when an input changes', async () => {
    const folder = await makeTempFolder();
    const input = path.join(folder, 'in');
    await mkdir(input);
    await copyFile(path.join(SAMPLES, 'json', 'AADNonInteractiveUserSignInLogs.ndjson'), path.join(input, 'a.ndjson'));
    const cache = path.join(folder, 'cache');
    await runCliJson(['--cache-dir', cache, input]);
    await appendFile(path.join(input, 'a.ndjson'), `${JSON.stringify(signIn('fay@example.test', '2026-11-03T10:00:00Z', 'GB'))}\n`);
    const changed = await runCliJson(['--cache-dir', cache, input]);
    expect((changed.json as unknown as { cache: { hit: boolean } }).cache.hit).toBe(false);
    expect(changed.json.totals.rowsRead).toBe(16);
    expect((await readdir(cache)).length).toBe(2);
  });

  it('finds source lines in gzip inputs', async () => {
    const folder = await makeTempFolder();
    const input = path.join(folder, 'in');
    await mkdir(input);
    const ndjson = await readFile(path.join(SAMPLES, 'json', 'AADNonInteractiveUserSignInLogs.ndjson'));
    await writeFile(path.join(input, 'a.ndjson.gz'), gzipSync(ndjson));
    await copyFile(path.join(SAMPLES, 'json', 'SigninLogs.json'), path.join(input, 'b.json'));
    const cache = path.join(folder, 'cache');
    const fresh = await runCliJson(['--cache-dir', cache, input]);
    const cached = await runCliJson(['--cache-dir', cache, input]);
    const lines = (json: typeof fresh.json) => json.findings.map((finding) => [finding.SourceFile, finding.SourceRow, finding.SourceLine]);
    expect(lines(cached.json)).toEqual(lines(fresh.json));
    expect(cached.json.findings.some((finding) => String(finding.SourceFile).endsWith('.gz') && finding.SourceLine !== null)).toBe(true);
  });

  it('replaces a damaged cache entry', async () => {
    const folder = await makeTempFolder();
    const cache = path.join(folder, 'cache');
    const first = await runCliJson(['--cache-dir', cache, SAMPLES]);
    const key = (first.json as unknown as { cache: { key: string } }).cache.key;
    const table = path.join(cache, key, 'loaded_rows.parquet');

    // A truncated file cannot be read at all.
    await writeFile(table, (await readFile(table)).subarray(0, 500));
    const truncated = await runCli(['--format', 'json', '-q', '--cache-dir', cache, SAMPLES]);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toContain(`the cache entry ${path.join(cache, key)} is damaged`);
    expect(JSON.parse(truncated.stdout).findings).toEqual(first.json.findings);

    // A readable file with fewer rows than were stored is caught by its row count.
    const rebuilt = await runCliJson(['--cache-dir', cache, SAMPLES]);
    expect((rebuilt.json as unknown as { cache: { hit: boolean } }).cache.hit).toBe(true);
    const sample = path.join(folder, 'few.parquet');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_parquet('${table}') LIMIT 20) TO '${sample}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    await copyFile(sample, table);
    const shortened = await runCli(['--format', 'json', '-q', '--cache-dir', cache, SAMPLES]);
    expect(shortened.stderr).toContain('loaded_rows contains 20 rows, but 162 were stored');
    expect(JSON.parse(shortened.stdout).incidents).toEqual(first.json.incidents);
  });

  it.runIf(process.getuid?.() !== 0)('warns when the cache cannot be written', async () => {
    const folder = await makeTempFolder();
    const cache = path.join(folder, 'cache');
    await mkdir(cache, { mode: 0o500 });
    const result = await runCli(['--format', 'json', '-q', '--cache-dir', cache, SAMPLES]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot store the normalised sign-ins in ${cache}`);
  });

  it('rejects a cache folder around the inputs', async () => {
    const folder = await makeTempFolder();
    const input = path.join(folder, 'in');
    await mkdir(input);
    await writeNdjson(input, 'a.ndjson', [signIn('ida@example.test', '2026-01-05T10:00:00Z', 'GB')]);
    const around = await runCli(['--cache-dir', folder, input]);
    expect(around.code).toBe(2);
    expect(around.stderr).toContain(`contains the input ${input}`);
    const file = await runCli(['--cache-dir', path.join(input, 'a.ndjson'), SAMPLES]);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('not a folder');
  });

  it('rejects a cache inside the inputs', async () => {
    const folder = await makeTempFolder();
    await writeNdjson(folder, 'a.ndjson', [signIn('gil@example.test', '2026-01-05T10:00:00Z', 'GB')]);
    const result = await runCli(['--cache-dir', path.join(folder, 'cache'), folder]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('where its files would be read as evidence');
    expect(existsSync(path.join(folder, 'cache'))).toBe(false);
  });
});
