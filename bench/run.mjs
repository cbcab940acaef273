#!/usr/bin/env node
/**
 * Benchmarks hunt-cookies on synthetic tenants from bench/generate.mjs. Two baselines run in
 * the same DuckDB: a bare scan that extracts the same columns (the floor), and the naive SQL
 * port of the rule (pairwise self-join on the user, then the filters).
 *
 * It imports the compiled modules from dist/ to time each pipeline step, and runs the CLI as
 * a subprocess under /usr/bin/time -v for wall time and peak RSS. Results go to
 * <out>/results.json and, between the markers, to docs/benchmarks.md.
 *
 * Usage: npm run bench -- [--sizes 100k,1m] [--seed N] [--out bench-out] [--naive-timeout 600]
 *        (add 10m to --sizes for the large tenant; it needs about 80 GB of disk, an estimate from the 1M files)
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';

import { DEFAULT_SEED, FORMATS, TABLES, generateTenant, parseSize, tenantFile, tenantFolder } from './generate.mjs';
import { timeCli } from './timeCli.mjs';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const dist = (name) => import(new URL(`../dist/${name}`, import.meta.url));

const { Database } = await dist('db/Database.js');
const { openWorkspace } = await dist('commands/openWorkspace.js');
const { discoverInputs } = await dist('discover/discoverInputs.js');
const { loadInputs } = await dist('load/loadInputs.js');
const { scopeRows } = await dist('detect/scopeRows.js');
const { listDetections } = await dist('detect/listDetections.js');
const { readFindings } = await dist('findings/readFindings.js');
const { accountRows } = await dist('accounting/accountRows.js');
const { DEFAULT_THRESHOLDS } = await dist('tuning/Tuning.js');
const { suppressFindings } = await dist('tuning/suppressFindings.js');
const { buildIncidents } = await dist('incidents/buildIncidents.js');

/** Detection parameters by name, as src/detect/runDetections.ts binds them, at their defaults. */
const DETECTION_PARAMETERS = {
  window_minutes: DEFAULT_THRESHOLDS.windowMinutes,
  velocity_window_minutes: DEFAULT_THRESHOLDS.velocityWindowMinutes,
  max_speed_kmh: DEFAULT_THRESHOLDS.maxSpeedKmh,
  min_distance_km: DEFAULT_THRESHOLDS.minDistanceKm,
  context_window_minutes: DEFAULT_THRESHOLDS.contextWindowMinutes,
};
const WINDOW_MINUTES = DEFAULT_THRESHOLDS.windowMinutes;
const KQL_LOOKBACK = '24 hours';
const MARKER_BEGIN = '<!-- bench:begin (written by bench/run.mjs; edits between the markers are lost) -->';
const MARKER_END = '<!-- bench:end -->';

/** Performance targets for 1M skewed rows on a 2-core machine, as ratios and rates. */
const TARGETS = {
  defaultVsFloor: 2, // load plus detection, default mode, 1M Parquet rows, at most 2x the bare scan
  cliVsNaive: 10, // whole CLI run at least 10x faster than the naive port
  kqlVsNaive: 3, // --kql-compat at least 3x faster than the naive port
  ndjsonMBps: 300, // NDJSON ingest at 300 MB/s or more
  ndjsonVsReadJson: 1.5, // within 1.5x of DuckDB's read_json into the same columns
};

const SILENT_REPORTER = { progress() {}, info() {}, warn() {}, stop() {}, error() {} };

async function main({ sizes, seed, out, naiveTimeoutSeconds }) {
  const started = performance.now();
  const dataRoot = path.join(out, 'data');
  const machine = await describeMachine();
  console.error(`Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, DuckDB ${machine.duckdb}`);

  const results = [];
  for (const label of sizes) {
    const folder = tenantFolder(dataRoot, label, seed);
    console.error(`\n== ${label} rows: generating (or reusing) ${folder}`);
    const manifest = await generateTenant({ rows: parseSize(label), seed, folder, log: (message) => console.error(`  ${message}`) });
    results.push(await benchTenant(label, folder, manifest, naiveTimeoutSeconds));
  }

  const report = {
    command: process.argv.length > 2 ? `npm run bench -- ${process.argv.slice(2).join(' ')}` : 'npm run bench',
    date: new Date().toISOString(),
    machine,
    seed,
    windowMinutes: WINDOW_MINUTES,
    targets: TARGETS,
    results,
    benchSeconds: (performance.now() - started) / 1000,
  };
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'results.json'), `${JSON.stringify(report, bigintToNumber, 2)}\n`);
  const markdown = renderMarkdown(report);
  await writeBenchmarkPage(markdown);
  console.log(markdown);
  console.error(`\nWrote ${path.join(out, 'results.json')} and docs/benchmarks.md in ${report.benchSeconds.toFixed(0)} s`);
}

function parseArguments(argv) {
  const usage = 'Usage: npm run bench -- [--sizes 100k,1m,10m] [--seed N] [--out DIR] [--naive-timeout SECONDS]';
  const fail = (message) => {
    console.error(`bench/run.mjs: ${message}. ${usage}`);
    process.exit(2);
  };
  const parsed = { sizes: ['100k', '1m'], seed: DEFAULT_SEED, out: path.join(REPO, 'bench-out'), naiveTimeoutSeconds: 600 };
  for (let index = 0; index < argv.length; index += 2) {
    const [flag, value] = [argv[index], argv[index + 1]];
    if (value === undefined || value.startsWith('--')) fail(`${flag} needs a value`);
    switch (flag) {
      case '--sizes':
        parsed.sizes = value.split(',').map((label) => label.trim().toLowerCase());
        for (const label of parsed.sizes) {
          let rows = 0;
          try {
            rows = parseSize(label);
          } catch (error) {
            fail(error.message);
          }
          if (rows < 1000) fail(`size "${label}" is below 1000 rows, too few to measure`);
        }
        break;
      case '--seed':
        // The seed is written into the generator's SQL, so only a whole number is accepted.
        if (!/^\d{1,15}$/.test(value)) fail(`--seed must be a whole number, not "${value}"`);
        parsed.seed = Number(value);
        break;
      case '--out':
        parsed.out = path.resolve(value);
        break;
      case '--naive-timeout':
        if (!(Number(value) > 0)) fail(`--naive-timeout must be a number of seconds above 0, not "${value}"`);
        parsed.naiveTimeoutSeconds = Number(value);
        break;
      default:
        fail(`unknown argument "${flag}"`);
    }
  }
  return parsed;
}

async function describeMachine() {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const version = (await connection.runAndReadAll('SELECT version()')).getRows()[0][0];
  connection.closeSync();
  instance.closeSync();
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    duckdb: String(version),
  };
}

// ---------------------------------------------------------------------------------------------
// One tenant

async function benchTenant(label, folder, manifest, naiveTimeoutSeconds) {
  const bytes = (format) => TABLES.reduce((sum, table) => sum + manifest.bytes[format][table], 0);
  const formatFolder = (format) => path.join(folder, format);
  const result = { label, rows: manifest.rows, manifest, formats: {} };

  console.error('  start-up (--version, 3 runs)');
  result.startup = await measureStartup();

  for (const format of FORMATS) {
    console.error(`  in-process load: ${format}`);
    const pipeline = await runPipeline(formatFolder(format), { detect: format === 'parquet', naiveTimeoutSeconds });
    console.error(`  bare scan floor: ${format}`);
    const floor = await measureFloor(folder, format);
    result.formats[format] = {
      bytes: bytes(format),
      pipeline,
      floor,
      loadRowsPerSecond: manifest.rows / pipeline.steps.load,
      loadMBPerSecond: bytes(format) / 1e6 / pipeline.steps.load,
      floorMBPerSecond: bytes(format) / 1e6 / floor.seconds,
    };
  }

  console.error('  naive port, end to end from the Parquet files');
  result.naiveEndToEnd = {
    default: await runNaiveEndToEnd(folder, 'default', naiveTimeoutSeconds),
    kqlCompat: await runNaiveEndToEnd(folder, 'kql-compat', naiveTimeoutSeconds),
  };

  console.error('  CLI runs');
  result.cli = {
    defaultParquet: await runCli(['--format', 'ndjson', '-q', formatFolder('parquet')]),
    // This run uses --kql-compat, whose output is small, so that it measures NDJSON ingest end to
    // end; the Parquet run already times the default mode.
    kqlCompatNdjson: await runCli(['--kql-compat', '--format', 'ndjson', '-q', formatFolder('ndjson')]),
    kqlCompatParquet: await runCli(['--kql-compat', '--format', 'ndjson', '-q', formatFolder('parquet')]),
  };
  result.checks = buildChecks(result);
  return result;
}

// ---------------------------------------------------------------------------------------------
// In-process pipeline, step by step, as src/commands/hunt.ts runs it

async function runPipeline(folder, { detect, naiveTimeoutSeconds }) {
  const steps = {};
  const time = async (name, action) => {
    const begin = performance.now();
    const value = await action();
    steps[name] = (performance.now() - begin) / 1000;
    return value;
  };

  const inputs = await discoverInputs([folder]);
  // Opening includes creating the macros and tables, as the CLI does.
  const workspace = await time('open', () => openWorkspace(inputs, [], {}));
  const { db } = workspace;
  try {
    const loaded = await time('load', () =>
      loadInputs(db, inputs, { skipUnreadable: false, maxDecompressedBytes: 64 * 2 ** 30 }, workspace.work, SILENT_REPORTER),
    );
    const rowsRead = loaded.files.reduce((sum, file) => sum + file.rowsRead, 0);
    const rowsRejected = loaded.files.reduce((sum, file) => sum + file.rowsRejected, 0);
    if (!detect) return { steps, rowsRead, rowsRejected };

    const modes = {};
    for (const mode of ['default', 'kql-compat']) {
      modes[mode] = await runMode(db, mode, loaded, naiveTimeoutSeconds);
    }
    return { steps, rowsRead, rowsRejected, modes };
  } finally {
    await workspace.close();
  }
}

/** Scopes, detects, reads the findings and accounts for the rows in one mode, then runs the naive join on the same relation. */
async function runMode(db, mode, loaded, naiveTimeoutSeconds) {
  await db.run(
    'DROP TABLE IF EXISTS findings; DROP TABLE IF EXISTS detection_catalog; DROP TABLE IF EXISTS incidents; ' +
      'DROP TABLE IF EXISTS allow_list; DROP TABLE IF EXISTS allowed_ips; ' +
      'DROP VIEW IF EXISTS kql_signins; DROP TABLE IF EXISTS hunt_rows; DROP TABLE IF EXISTS scoped_rows;',
  );
  const steps = {};
  let begin = performance.now();
  await scopeRows(db, { mode });
  steps.scope = (performance.now() - begin) / 1000;

  // The same statements as src/detect/runDetections.ts, timed one detection at a time.
  const detections = await listDetections(mode);
  await db.runFile('schema/findings.sql');
  const detectionTimes = {};
  for (const detection of detections) {
    const params = Object.fromEntries(detection.parameters.map((name) => [name, DETECTION_PARAMETERS[name]]));
    begin = performance.now();
    await db.run(`INSERT INTO findings BY NAME\n${detection.sql}`, detection.parameters.length > 0 ? params : undefined);
    await db.run('UPDATE findings SET Severity = $severity WHERE DetectionId = $id AND Severity IS NULL', { severity: detection.severity, id: detection.id });
    await db.run('INSERT INTO detection_catalog VALUES ($id, $title, $family, $severity)', {
      id: detection.id,
      title: detection.title,
      family: detection.family,
      severity: detection.severity,
    });
    const count = await db.readRows('SELECT count(*) AS n FROM findings WHERE DetectionId = $id', { id: detection.id });
    detectionTimes[detection.id] = { seconds: (performance.now() - begin) / 1000, findings: Number(count[0].n) };
  }

  if (mode === 'default') {
    begin = performance.now();
    await suppressFindings(db, []);
    const incidents = await buildIncidents(db, 'low');
    steps.incidents = (performance.now() - begin) / 1000;
    steps.incidentCount = incidents.shown.length;
  }

  begin = performance.now();
  const findings = await readFindings(db, mode);
  await accountRows(db, loaded.files, loaded.skipped);
  steps.findingsAndAccounting = (performance.now() - begin) / 1000;

  const travelId = mode === 'default' ? 'impossible-travel' : 'kql-impossible-travel';
  const travel = await checksumPairs(db, `SELECT SourceFile, SourceRow, PriorSourceFile, PriorSourceRow FROM findings WHERE DetectionId = '${travelId}'`);
  const naive = await withTimeout(db, naiveTimeoutSeconds, () => naiveJoinOnLoaded(db, mode));
  return { steps, detections: detectionTimes, findings: findings.count, travel, naiveJoin: naive };
}

/**
 * Runs the rule's travel step as a plain self-join on the relation the detection reads: every
 * pair of one user's sign-ins, then the filters. The default mode keeps, for each later sign-in,
 * its nearest qualifying earlier one, which is what the detection reports.
 */
async function naiveJoinOnLoaded(db, mode) {
  const sql =
    mode === 'default'
      ? `SELECT later.source_file AS SourceFile, later.source_row AS SourceRow,
                arg_max(prior.source_file, (prior.event_time, prior.file_index, prior.source_row)) AS PriorSourceFile,
                arg_max(prior.source_row, (prior.event_time, prior.file_index, prior.source_row)) AS PriorSourceRow
         FROM hunt_rows AS later JOIN hunt_rows AS prior ON prior.user_key = later.user_key
         WHERE later.country IS NOT NULL AND prior.country IS NOT NULL AND upper(later.country) <> upper(prior.country)
           AND (prior.event_time, prior.file_index, prior.source_row) < (later.event_time, later.file_index, later.source_row)
           AND epoch_us(later.event_time) - epoch_us(prior.event_time) <= ${WINDOW_MINUTES}::BIGINT * 60000000
         GROUP BY later.source_file, later.source_row`
      : `SELECT later.source_file AS SourceFile, later.source_row AS SourceRow, prior.source_file AS PriorSourceFile, prior.source_row AS PriorSourceRow
         FROM kql_signins AS later JOIN kql_signins AS prior ON prior.kql_user = later.kql_user
         WHERE later.kql_correlation_id <> prior.kql_correlation_id
           AND later.kql_country <> '' AND prior.kql_country <> '' AND later.kql_country <> prior.kql_country
           AND later.kql_time > prior.kql_time
           AND (epoch_us(date_trunc('minute', later.kql_time)) - epoch_us(date_trunc('minute', prior.kql_time))) // 60000000
               BETWEEN 0 AND ${WINDOW_MINUTES}`;
  const begin = performance.now();
  const pairs = await checksumPairs(db, sql);
  return { seconds: (performance.now() - begin) / 1000, ...pairs };
}

/** Counts pairs and hashes them, sorted, by file name (without folder) and row of both sign-ins. */
async function checksumPairs(db, pairsSql) {
  const rows = await db.readRows(`
    SELECT count(*) AS pairs,
           coalesce(md5(string_agg(pair_key, ',' ORDER BY pair_key)), '') AS checksum
    FROM (SELECT parse_filename(SourceFile) || ':' || SourceRow || '>' || parse_filename(PriorSourceFile) || ':' || PriorSourceRow AS pair_key
          FROM (${pairsSql}))`);
  return { pairs: Number(rows[0].pairs), checksum: String(rows[0].checksum) };
}

/** Runs `action` and interrupts the connection's query after `seconds`. A stopped run returns `timedOut: true`. */
async function withTimeout(db, seconds, action) {
  const connection = db.connection;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, seconds * 1000);
  try {
    return await action();
  } catch (error) {
    if (timedOut) return { seconds, timedOut: true, pairs: null, checksum: null };
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Baselines in a fresh DuckDB

/** Opens an in-memory DuckDB with the tool's session settings, on all cores. */
async function openPlainDb() {
  const db = await Database.open({});
  return db;
}

/** The JSON paths the tool reads from each nested column, and the names they get. */
const NESTED_FIELDS = {
  LocationDetails: [
    ['country', '$.countryOrRegion', 'countryOrRegion'],
    ['city', '$.city', 'city'],
    ['state', '$.state', 'state'],
    ['latitude', '$.geoCoordinates.latitude', 'geoCoordinates.latitude'],
    ['longitude', '$.geoCoordinates.longitude', 'geoCoordinates.longitude'],
  ],
  Status: [
    ['error_code', '$.errorCode', 'errorCode'],
    ['status_additional_details', '$.additionalDetails', 'additionalDetails'],
  ],
  DeviceDetail: [
    ['device_os', '$.operatingSystem', 'operatingSystem'],
    ['device_browser', '$.browser', 'browser'],
  ],
};

const PLAIN_COLUMNS = {
  record_id: 'Id',
  user_principal_name: 'UserPrincipalName',
  user_id: 'UserId',
  ip_address: 'IPAddress',
  location_code: 'Location',
  app_display_name: 'AppDisplayName',
  app_id: 'AppId',
  resource_display_name: 'ResourceDisplayName',
  authentication_requirement: 'AuthenticationRequirement',
  correlation_id: 'CorrelationId',
  session_id: 'SessionId',
  unique_token_id: 'UniqueTokenIdentifier',
  user_agent: 'UserAgent',
  conditional_access_status: 'ConditionalAccessStatus',
  risk_level_during_sign_in: 'RiskLevelDuringSignIn',
  risk_level_aggregated: 'RiskLevelAggregated',
  token_issuer_type: 'TokenIssuerType',
  client_app_used: 'ClientAppUsed',
  source_table: 'Type',
};

const AUTH_STEPS_TYPE = `'[{"authenticationStepDateTime": "TIMESTAMPTZ", "authenticationMethod": "VARCHAR",
  "authenticationMethodDetail": "VARCHAR", "succeeded": "BOOLEAN", "authenticationStepResultDetail": "VARCHAR",
  "authenticationStepRequirement": "VARCHAR"}]'`;

/**
 * Builds the SELECT list that extracts the canonical columns from one file's columns, in the
 * way DuckDB reads them fastest: struct fields directly, JSON text with one json_extract_string
 * call per column, times and numbers cast by DuckDB's own parsers. No validation, no rejects.
 */
function floorSelectList(types) {
  const items = [
    'CAST(CreatedDateTime AS TIMESTAMPTZ) AS event_time',
    'CAST(TimeGenerated AS TIMESTAMPTZ) AS ingest_time',
    'TRY_CAST(ResultType AS INTEGER) AS result_code',
    'TRY_CAST(IsInteractive AS BOOLEAN) AS is_interactive',
    'TRY_CAST(AutonomousSystemNumber AS BIGINT) AS autonomous_system_number',
    `from_json(AuthenticationDetails, ${AUTH_STEPS_TYPE}) AS authentication_steps`,
  ];
  for (const [name, column] of Object.entries(PLAIN_COLUMNS)) items.push(`${column} AS ${name}`);
  for (const [column, fields] of Object.entries(NESTED_FIELDS)) {
    const type = types[column] ?? 'VARCHAR';
    if (type.startsWith('STRUCT')) {
      for (const [name, , structPath] of fields) items.push(`${column}.${structPath} AS ${name}`);
    } else {
      const paths = fields.map(([, jsonPath]) => `'${jsonPath}'`).join(', ');
      fields.forEach(([name], index) => items.push(`json_extract_string(${column}, [${paths}])[${index + 1}] AS ${name}`));
    }
  }
  return items.join(',\n    ');
}

/** Describes a relation's columns as a name-to-type map. */
async function columnTypes(db, relation) {
  const rows = await db.readRows(`DESCRIBE SELECT * FROM ${relation}`);
  return Object.fromEntries(rows.map((row) => [String(row.column_name), String(row.column_type)]));
}

/** The read function DuckDB uses for each format, with every column the floor needs. */
async function floorRelation(db, file, format) {
  const quoted = `'${file.replaceAll("'", "''")}'`;
  if (format === 'parquet') return `read_parquet(${quoted}, file_row_number = true, filename = true)`;
  if (format === 'csv') return `read_csv(${quoted}, all_varchar = true, header = true, filename = true)`;
  // NDJSON: the same keys the tool maps, declared as text, so that read_json neither samples
  // types nor parses the columns that no detection reads.
  const keys = [
    'CreatedDateTime', 'TimeGenerated', 'ResultType', 'IsInteractive', 'AutonomousSystemNumber', 'AuthenticationDetails',
    ...Object.values(PLAIN_COLUMNS), 'Category', 'OriginalRequestId',
  ];
  const columns = keys.map((key) => `'${key}': 'VARCHAR'`);
  for (const column of Object.keys(NESTED_FIELDS)) columns.push(`'${column}': 'JSON'`);
  return `read_json(${quoted}, format = 'newline_delimited', columns = {${columns.join(', ')}}, filename = true)`;
}

/** Times the bare scan of both files of one format into an in-memory table. */
async function measureFloor(folder, format) {
  const db = await openPlainDb();
  try {
    const selects = [];
    for (const table of TABLES) {
      const relation = await floorRelation(db, tenantFile(folder, format, table), format);
      const types = format === 'ndjson' ? { LocationDetails: 'JSON', Status: 'JSON', DeviceDetail: 'JSON' } : await columnTypes(db, relation);
      selects.push(`SELECT ${floorSelectList(types)} FROM ${relation}`);
    }
    const begin = performance.now();
    await db.run(`CREATE TABLE floor_rows AS ${selects.join('\nUNION ALL BY NAME\n')}`);
    const seconds = (performance.now() - begin) / 1000;
    const rows = await db.readRows('SELECT count(*) AS n FROM floor_rows');
    return { seconds, rows: Number(rows[0].n) };
  } finally {
    db.close();
  }
}

/**
 * Runs the naive port on the raw Parquet files: scan, extract, filter, then a pairwise
 * self-join on the user, in one statement. The default mode keeps the nearest qualifying earlier
 * sign-in per later one; `--kql-compat` keeps every pair, over the rule's 24-hour window.
 */
async function runNaiveEndToEnd(folder, mode, timeoutSeconds) {
  const db = await openPlainDb();
  try {
    const sources = [];
    for (const table of TABLES) {
      const relation = await floorRelation(db, tenantFile(folder, 'parquet', table), 'parquet');
      const types = await columnTypes(db, relation);
      sources.push(`SELECT ${floorSelectList(types)}, filename AS source_file, file_row_number + 1 AS source_row FROM ${relation}`);
    }
    const all = `(${sources.join(' UNION ALL BY NAME ')})`;
    const sql =
      mode === 'default'
        ? `WITH signins AS (SELECT *, lower(user_id) AS user_key FROM ${all} WHERE result_code = 0 AND nullif(country, '') IS NOT NULL)
           SELECT later.source_file AS SourceFile, later.source_row AS SourceRow,
                  arg_max(prior.source_file, (prior.event_time, prior.source_file, prior.source_row)) AS PriorSourceFile,
                  arg_max(prior.source_row, (prior.event_time, prior.source_file, prior.source_row)) AS PriorSourceRow
           FROM signins AS later JOIN signins AS prior ON prior.user_key = later.user_key
           -- Earlier means earlier in (event time, file, row) order, as the tool breaks ties between sign-ins at the same instant.
           WHERE upper(later.country) <> upper(prior.country)
             AND (prior.event_time, prior.source_file, prior.source_row) < (later.event_time, later.source_file, later.source_row)
             AND epoch_us(later.event_time) - epoch_us(prior.event_time) <= ${WINDOW_MINUTES}::BIGINT * 60000000
           GROUP BY later.source_file, later.source_row`
        : `WITH every_row AS (SELECT * FROM ${all}),
           reference AS (SELECT max(coalesce(ingest_time, event_time)) AS now FROM every_row),
           signins AS (
             SELECT every_row.*, coalesce(ingest_time, event_time) AS kql_time, coalesce(country, '') AS kql_country
             FROM every_row, reference
             WHERE source_table = 'SigninLogs' AND result_code = 0
               AND coalesce(ingest_time, event_time) > reference.now - INTERVAL ${KQL_LOOKBACK})
           SELECT later.source_file AS SourceFile, later.source_row AS SourceRow, prior.source_file AS PriorSourceFile, prior.source_row AS PriorSourceRow
           FROM signins AS later JOIN signins AS prior ON prior.user_principal_name = later.user_principal_name
           WHERE later.correlation_id <> prior.correlation_id
             AND later.kql_country <> '' AND prior.kql_country <> '' AND later.kql_country <> prior.kql_country
             AND later.kql_time > prior.kql_time
             AND (epoch_us(date_trunc('minute', later.kql_time)) - epoch_us(date_trunc('minute', prior.kql_time))) // 60000000
                 BETWEEN 0 AND ${WINDOW_MINUTES}`;
    return await withTimeout(db, timeoutSeconds, async () => {
      const begin = performance.now();
      const pairs = await checksumPairs(db, sql);
      return { seconds: (performance.now() - begin) / 1000, ...pairs };
    });
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The CLI as a subprocess

/** Runs `node bin/hunt-cookies.js` under /usr/bin/time -v; stdout goes to a file that is then checksummed. */
async function runCli(args, { outputFile } = {}) {
  const stdoutFile = outputFile ?? path.join(os.tmpdir(), `hunt-cookies-bench-${process.pid}.ndjson`);
  try {
    return await timeAndCount(args, stdoutFile);
  } finally {
    if (outputFile === undefined) await rm(stdoutFile, { force: true });
  }
}

async function timeAndCount(args, stdoutFile) {
  const result = await timeCli(args, stdoutFile);
  if (result.error !== undefined) return result;
  if (args.includes('--version')) return result;

  const db = await openPlainDb();
  try {
    const quoted = `'${stdoutFile.replaceAll("'", "''")}'`;
    const counts = await db.readRows(
      `SELECT count(*) AS findings, count(*) FILTER (WHERE DetectionType = 'ImpossibleTravel') AS travel
       FROM read_json(${quoted}, format = 'newline_delimited')`,
    );
    result.findings = Number(counts[0]?.findings ?? 0);
    result.travel = result.findings === 0
      ? { pairs: 0, checksum: '' }
      : await checksumPairs(db, `SELECT SourceFile, SourceRow, PriorSourceFile, PriorSourceRow FROM read_json(${quoted}, format = 'newline_delimited') WHERE DetectionType = 'ImpossibleTravel'`);
  } finally {
    db.close();
  }
  return result;
}

async function measureStartup() {
  const runs = [];
  for (let run = 0; run < 3; run += 1) runs.push(await runCli(['--version']));
  const sorted = [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds);
  return { wallSeconds: sorted[1].wallSeconds, peakRssMiB: sorted[1].peakRssMiB };
}

// ---------------------------------------------------------------------------------------------
// Ratios, targets and the report

function buildChecks(result) {
  const parquet = result.formats.parquet;
  const ndjson = result.formats.ndjson;
  const defaultMode = parquet.pipeline.modes.default;
  const kqlMode = parquet.pipeline.modes['kql-compat'];
  const detectSeconds = (mode) => Object.values(mode.detections).reduce((sum, detection) => sum + detection.seconds, 0);

  const loadAndDetect =
    parquet.pipeline.steps.open + parquet.pipeline.steps.load + defaultMode.steps.scope + detectSeconds(defaultMode) + (defaultMode.steps.incidents ?? 0);
  const cliDefault = result.cli.defaultParquet;
  const cliKql = result.cli.kqlCompatParquet;
  const naiveDefault = result.naiveEndToEnd.default;
  const naiveKql = result.naiveEndToEnd.kqlCompat;
  const ratio = (numerator, denominator) => (numerator == null || denominator == null || denominator === 0 ? null : numerator / denominator);

  return {
    loadAndDetectSeconds: loadAndDetect,
    loadAndDetectVsFloor: ratio(loadAndDetect, parquet.floor.seconds),
    cliDefaultVsNaive: ratio(naiveDefault.seconds, cliDefault.wallSeconds),
    cliDefaultMinusStartupVsNaive: ratio(naiveDefault.seconds, cliDefault.wallSeconds - result.startup.wallSeconds),
    detectionVsNaiveJoinDefault: ratio(defaultMode.naiveJoin.seconds, detectSeconds(defaultMode)),
    cliKqlVsNaive: ratio(naiveKql.seconds, cliKql.wallSeconds),
    detectionVsNaiveJoinKql: ratio(kqlMode.naiveJoin.seconds, detectSeconds(kqlMode)),
    kqlPairsMatchCli: naiveKql.pairs !== null && cliKql.travel?.pairs === naiveKql.pairs && cliKql.travel?.checksum === naiveKql.checksum,
    kqlPairsMatchInProcess: kqlMode.naiveJoin.pairs !== null && kqlMode.travel.pairs === kqlMode.naiveJoin.pairs && kqlMode.travel.checksum === kqlMode.naiveJoin.checksum,
    defaultFindingsMatchNaive: naiveDefault.pairs !== null && cliDefault.travel?.pairs === naiveDefault.pairs && cliDefault.travel?.checksum === naiveDefault.checksum,
    ndjsonMBps: ndjson.loadMBPerSecond,
    ndjsonVsReadJson: ratio(ndjson.pipeline.steps.load, ndjson.floor.seconds),
  };
}

function seconds(value) {
  if (value == null) return 'n/a';
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

const times = (value) => (value == null ? 'n/a' : `${value.toFixed(2)}×`);
const integer = (value) => (value == null ? 'n/a' : Math.round(value).toLocaleString('en-US'));
function verdict(met) {
  if (met == null) return 'not measured';
  return met ? '**met**' : '**missed**';
}

function renderMarkdown(report) {
  const { machine } = report;
  const lines = [
    MARKER_BEGIN,
    '',
    `Run of ${report.date} on ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.os},`,
    `Node ${machine.node}, DuckDB ${machine.duckdb} (from @duckdb/node-api). Command: \`${report.command}\`.`,
    `Seed ${report.seed}; travel window ${report.windowMinutes} minutes; the whole benchmark took ${seconds(report.benchSeconds)} s.`,
    '',
  ];

  for (const result of report.results) {
    const { formats, checks, cli, naiveEndToEnd, startup, manifest } = result;
    const modes = formats.parquet.pipeline.modes;
    lines.push(
      `### ${result.label} rows`,
      '',
      `${integer(manifest.rowsByTable.SigninLogs)} interactive and ${integer(manifest.rowsByTable.AADNonInteractiveUserSignInLogs)} non-interactive rows over ${manifest.spanDays} days; ` +
        `the busiest account has ${integer(manifest.topUserRows)} rows, ${integer(manifest.foreignRows)} rows are from abroad and ${integer(manifest.tokenClaimRows)} carry a token claim.`,
      '',
      '**Load, per format** (in-process, `loadInputs` from dist/, both files; floor = bare DuckDB scan of the same columns into a table)',
      '',
      '| Format | Size (MB) | Load (s) | Rows/s | MB/s | Floor (s) | Floor MB/s | Load ÷ floor |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const format of FORMATS) {
      const entry = formats[format];
      lines.push(
        `| ${format} | ${integer(entry.bytes / 1e6)} | ${seconds(entry.pipeline.steps.load)} | ${integer(entry.loadRowsPerSecond)} | ${integer(entry.loadMBPerSecond)} | ` +
          `${seconds(entry.floor.seconds)} | ${integer(entry.floorMBPerSecond)} | ${times(entry.pipeline.steps.load / entry.floor.seconds)} |`,
      );
    }
    lines.push(
      '',
      '**Steps after loading the Parquet files** (in-process; the naive join runs on the same loaded relation)',
      '',
      '| Mode | Scope (s) | Detection | Time (s) | Findings | Naive self-join (s) | Naive ÷ detection | Findings + accounting (s) |',
      '|---|---:|---|---:|---:|---:|---:|---:|',
    );
    for (const [mode, entry] of Object.entries(modes)) {
      for (const [id, detection] of Object.entries(entry.detections)) {
        const travel = id.endsWith('impossible-travel');
        lines.push(
          `| ${mode} | ${seconds(entry.steps.scope)} | ${id} | ${seconds(detection.seconds)} | ${integer(detection.findings)} | ` +
            `${travel ? (entry.naiveJoin.timedOut ? `> ${entry.naiveJoin.seconds} (stopped)` : seconds(entry.naiveJoin.seconds)) : ''} | ` +
            `${travel && !entry.naiveJoin.timedOut ? times(entry.naiveJoin.seconds / detection.seconds) : ''} | ${seconds(entry.steps.findingsAndAccounting)} |`,
        );
      }
      if (entry.steps.incidents !== undefined) {
        lines.push(
          `| ${mode} | | allow-lists and ${integer(entry.steps.incidentCount)} incidents | ${seconds(entry.steps.incidents)} | | | | |`,
        );
      }
    }
    lines.push(
      '',
      '**End to end** (`node bin/hunt-cookies.js … --format ndjson -q`, under `/usr/bin/time -v`; naive port = scan, extract and self-join in one DuckDB statement)',
      '',
      '| Run | Wall (s) | Peak RSS (MiB) | Findings | Travel pairs |',
      '|---|---:|---:|---:|---:|',
      `| start-up (\`--version\`, median of 3) | ${seconds(startup.wallSeconds)} | ${integer(startup.peakRssMiB)} | | |`,
      `| default mode, Parquet | ${seconds(cli.defaultParquet.wallSeconds)} | ${integer(cli.defaultParquet.peakRssMiB)} | ${integer(cli.defaultParquet.findings)} | ${integer(cli.defaultParquet.travel?.pairs)} |`,
      `| \`--kql-compat\`, NDJSON | ${seconds(cli.kqlCompatNdjson.wallSeconds)} | ${integer(cli.kqlCompatNdjson.peakRssMiB)} | ${integer(cli.kqlCompatNdjson.findings)} | ${integer(cli.kqlCompatNdjson.travel?.pairs)} |`,
      `| \`--kql-compat\`, Parquet | ${seconds(cli.kqlCompatParquet.wallSeconds)} | ${integer(cli.kqlCompatParquet.peakRssMiB)} | ${integer(cli.kqlCompatParquet.findings)} | ${integer(cli.kqlCompatParquet.travel?.pairs)} |`,
      `| naive port, default rule, Parquet | ${naiveEndToEnd.default.timedOut ? `> ${naiveEndToEnd.default.seconds} (stopped)` : seconds(naiveEndToEnd.default.seconds)} | | | ${integer(naiveEndToEnd.default.pairs)} |`,
      `| naive port, Sentinel rule (24 h), Parquet | ${naiveEndToEnd.kqlCompat.timedOut ? `> ${naiveEndToEnd.kqlCompat.seconds} (stopped)` : seconds(naiveEndToEnd.kqlCompat.seconds)} | | | ${integer(naiveEndToEnd.kqlCompat.pairs)} |`,
      '',
      '**Targets** (set for 1M rows on 2 cores, Parquet except the NDJSON ingest targets, and checked at every size; ratios above 1 mean the tool is faster)',
      '',
      '| Target | Figure | Result |',
      '|---|---:|---|',
      `| default mode: load + detection ≤ 2× the bare-scan floor | ${seconds(checks.loadAndDetectSeconds)} s = ${times(checks.loadAndDetectVsFloor)} the floor | ${verdict(checks.loadAndDetectVsFloor == null ? null : checks.loadAndDetectVsFloor <= TARGETS.defaultVsFloor)} |`,
      `| whole CLI run ≥ 10× faster than the naive port | naive ÷ CLI = ${times(checks.cliDefaultVsNaive)} (naive self-join ÷ all of the mode's detections together: ${times(checks.detectionVsNaiveJoinDefault)}) | ${verdict(checks.cliDefaultVsNaive == null ? null : checks.cliDefaultVsNaive >= TARGETS.cliVsNaive)} |`,
      `| \`--kql-compat\` returns exactly the naive port's pairs | CLI ${integer(cli.kqlCompatParquet.travel?.pairs)} pairs, naive ${integer(naiveEndToEnd.kqlCompat.pairs)}; checksums ${checks.kqlPairsMatchCli ? 'equal' : 'differ'} | ${verdict(checks.kqlPairsMatchCli)} |`,
      `| \`--kql-compat\` ≥ 3× faster than the naive port | naive ÷ CLI = ${times(checks.cliKqlVsNaive)} (naive self-join ÷ all of the mode's detections together: ${times(checks.detectionVsNaiveJoinKql)}) | ${verdict(checks.cliKqlVsNaive == null ? null : checks.cliKqlVsNaive >= TARGETS.kqlVsNaive)} |`,
      `| NDJSON ingest ≥ 300 MB/s | ${integer(checks.ndjsonMBps)} MB/s | ${verdict(checks.ndjsonMBps >= TARGETS.ndjsonMBps)} |`,
      `| NDJSON ingest within 1.5× of DuckDB \`read_json\` | ${times(checks.ndjsonVsReadJson)} | ${verdict(checks.ndjsonVsReadJson == null ? null : checks.ndjsonVsReadJson <= TARGETS.ndjsonVsReadJson)} |`,
      `| default findings equal the naive port's (count and checksum) | CLI ${integer(cli.defaultParquet.travel?.pairs)}, naive ${integer(naiveEndToEnd.default.pairs)} | ${verdict(checks.defaultFindingsMatchNaive)} |`,
      '',
    );
  }
  lines.push(MARKER_END);
  return lines.join('\n');
}

/** Replaces the text between the markers in docs/benchmarks.md, keeping the rest of the page. */
async function writeBenchmarkPage(markdown) {
  const page = path.join(REPO, 'docs/benchmarks.md');
  let text;
  try {
    text = await readFile(page, 'utf8');
  } catch {
    text = `# Benchmarks\n\n${MARKER_BEGIN}\n${MARKER_END}\n`;
  }
  const begin = text.indexOf(MARKER_BEGIN);
  const end = text.indexOf(MARKER_END);
  if (begin < 0 || end < 0) throw new Error(`docs/benchmarks.md has no "${MARKER_BEGIN}" … "${MARKER_END}" markers; restore them`);
  await writeFile(page, `${text.slice(0, begin)}${markdown}${text.slice(end + MARKER_END.length)}`);
}

function bigintToNumber(_key, value) {
  return typeof value === 'bigint' ? Number(value) : value;
}

// Last, so that every constant above is initialised before main reads it.
await main(parseArguments(process.argv.slice(2)));
