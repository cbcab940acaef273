#!/usr/bin/env node
/**
 * Measures how hunt-cookies scales on one machine, for docs/scaling.md. It times the CLI (wall
 * time and peak RSS) with 1 and 2 threads, and under a memory limit several times smaller than
 * the input. It also checks that sharding the dump by user gives the whole dump's findings.
 *
 * It reads the 1M tenant that `npm run bench` generates (bench-out/data/1m-seed<seed>/) and
 * writes bench-out/scaling.json. Run `npm run bench` first.
 *
 * Usage: node bench/scaling.mjs [--size 1m] [--shards 4] [--memory-limit 1GB] [--out bench-out]
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';

import { DEFAULT_SEED, TABLES, tenantFile, tenantFolder } from './generate.mjs';
import { timeCli } from './timeCli.mjs';

const REPO = fileURLToPath(new URL('../', import.meta.url));

const options = { size: '1m', shards: 4, memoryLimit: '1GB', out: path.join(REPO, 'bench-out') };
for (let index = 2; index < process.argv.length; index += 2) {
  const [flag, value] = [process.argv[index], process.argv[index + 1]];
  if (flag === '--size') options.size = value;
  else if (flag === '--shards') options.shards = Number(value);
  else if (flag === '--memory-limit') options.memoryLimit = value;
  else if (flag === '--out') options.out = path.resolve(value);
  else exitWithUsage(`unknown argument "${flag}"`);
}
if (!Number.isInteger(options.shards) || options.shards < 2) exitWithUsage(`--shards must be a whole number of 2 or more`);

const folder = tenantFolder(path.join(options.out, 'data'), options.size, DEFAULT_SEED);
if (!existsSync(folder)) exitWithUsage(`${folder} not found. Run npm run bench -- --sizes ${options.size} first, which generates it`);
const results = { size: options.size, cores: os.cpus().length, memoryGiB: os.totalmem() / 2 ** 30, runs: {} };

// Threads: the same default-mode hunt with one and two DuckDB threads, per format.
for (const format of ['parquet', 'ndjson']) {
  const bytes = await folderBytes(path.join(folder, format));
  for (const threads of [1, 2]) {
    console.error(`${format}, ${threads} thread(s)`);
    const run = await runCli(['--threads', String(threads), '--format', 'ndjson', '-q', path.join(folder, format)]);
    results.runs[`${format}-threads${threads}`] = { ...run, inputMB: bytes / 1e6, inputMBps: bytes / 1e6 / run.wallSeconds };
  }
}

// Bigger than memory: the NDJSON tenant under a DuckDB memory limit several times smaller.
console.error(`ndjson under --memory-limit ${options.memoryLimit}`);
results.runs.memoryLimited = {
  ...(await runCli(['--memory-limit', options.memoryLimit, '--format', 'ndjson', '-q', path.join(folder, 'ndjson')])),
  memoryLimit: options.memoryLimit,
  inputMB: (await folderBytes(path.join(folder, 'ndjson'))) / 1e6,
};

// Shards: split the Parquet tenant by a hash of the user id, hunt each shard on its own, and
// compare the union of their findings with the whole dump's.
results.shards = await checkShards(path.join(folder, 'parquet'), options.shards);

await writeFile(path.join(options.out, 'scaling.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));

async function checkShards(parquetFolder, shardCount) {
  const shardRoot = path.join(options.out, `shards-${shardCount}`);
  await rm(shardRoot, { recursive: true, force: true });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (let shard = 0; shard < shardCount; shard += 1) {
    await mkdir(path.join(shardRoot, `shard-${shard}`), { recursive: true });
    for (const table of TABLES) {
      const source = tenantFile(path.dirname(parquetFolder), 'parquet', table);
      const target = path.join(shardRoot, `shard-${shard}`, path.basename(source));
      // Every row of the tenant has a UserId; a dump with UPN-only rows would first map each UPN to its id.
      await connection.run(
        `COPY (SELECT * FROM read_parquet('${source}') WHERE hash(lower(UserId)) % ${shardCount} = ${shard}) TO '${target}' (FORMAT parquet)`,
      );
    }
  }
  connection.closeSync();
  instance.closeSync();

  const whole = await runCli(['--format', 'ndjson', '-q', parquetFolder], { keepOutput: true });
  const parts = [];
  for (let shard = 0; shard < shardCount; shard += 1) {
    parts.push(await runCli(['--format', 'ndjson', '-q', path.join(shardRoot, `shard-${shard}`)], { keepOutput: true }));
  }
  const wholeKeys = whole.keys.sort();
  const shardKeys = parts.flatMap((part) => part.keys).sort();
  return {
    shardCount,
    wholeFindings: wholeKeys.length,
    shardFindings: shardKeys.length,
    identical: wholeKeys.length === shardKeys.length && wholeKeys.every((value, index) => value === shardKeys[index]),
    wholeWallSeconds: whole.wallSeconds,
    shardWallSeconds: parts.map((part) => part.wallSeconds),
    shardPeakRssMiB: parts.map((part) => part.peakRssMiB),
  };
}

async function folderBytes(folderPath) {
  let total = 0;
  for (const table of TABLES) {
    const format = path.basename(folderPath);
    total += (await stat(tenantFile(path.dirname(folderPath), format, table))).size;
  }
  return total;
}

/** Identifies a finding across runs on different files: its detection, sign-in and reason. */
function findingKey(finding) {
  return [finding.DetectionId, finding.CorrelationId, finding.EventTime, finding.PriorSignIn, finding.Reason].join('|');
}

/** Runs the CLI under /usr/bin/time -v; returns wall seconds, peak RSS and, on request, the findings' keys. */
async function runCli(args, { keepOutput = false } = {}) {
  const outputFile = path.join(os.tmpdir(), `hunt-cookies-scaling-${process.pid}.ndjson`);
  const result = await timeCli(args, outputFile);
  if (keepOutput) {
    const text = await readFile(outputFile, 'utf8');
    result.keys = text.split('\n').filter(Boolean).map((line) => findingKey(JSON.parse(line)));
  }
  await rm(outputFile, { force: true });
  return result;
}

function exitWithUsage(message) {
  console.error(`bench/scaling.mjs: ${message}. Usage: node bench/scaling.mjs [--size 1m] [--shards 4] [--memory-limit 1GB] [--out bench-out]`);
  process.exit(2);
}
