#!/usr/bin/env node
/**
 * Writes synthetic Entra ID sign-in tenants for the benchmark, in the Log Analytics layout of
 * `SigninLogs` and `AADNonInteractiveUserSignInLogs`, as Parquet, NDJSON and CSV.
 *
 * Every value is invented: example.com users, documentation IP ranges (RFC 5737, RFC 3849),
 * documentation AS numbers (RFC 5398) and placeholder GUIDs. Rows are drawn from DuckDB's
 * `hash()` of the row number and the seed, so one seed gives the same files on every run
 * with the DuckDB version that package-lock.json pins. Another DuckDB version may hash
 * differently and so draw other values.
 *
 * The skew follows a large tenant's 30-day dump. Five service-like accounts hold 15% of the
 * rows (the first one 5%), and 90% of users live in one country (US). About 2% of sign-ins come
 * from abroad, and about 2% are satisfied by a claim in an existing token. Each NDJSON row is
 * about 4 KB, mostly the ConditionalAccessPolicies array, as in real exports.
 *
 * Usage: node bench/generate.mjs [--sizes 100k,1m] [--seed 20260331] [--out bench-out/data] [--force]
 */
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';

/** Bumped whenever the generated content changes, so that cached files are written again. */
const GENERATOR_VERSION = 4;

export const DEFAULT_SEED = 20260331;

/** Newest CreatedDateTime of every tenant; the 30 days before it hold the sign-ins. */
const END_TIME = '2026-03-31T00:00:00Z';
const SPAN_DAYS = 30;

export const FORMATS = ['parquet', 'ndjson', 'csv'];
export const TABLES = ['SigninLogs', 'AADNonInteractiveUserSignInLogs'];

/** Parses a size such as `100k`, `1m` or `2500`. */
export function parseSize(text) {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`invalid size "${text}": expected a row count such as 100k, 1m or 2500`);
  const factor = { '': 1, k: 1_000, m: 1_000_000 }[match[2].toLowerCase()];
  return Math.round(Number(match[1]) * factor);
}

/** Folder of one tenant: `<out>/<size label>-seed<seed>`. */
export function tenantFolder(outRoot, label, seed) {
  return path.join(outRoot, `${label}-seed${seed}`);
}

/** Path of one generated file. */
export function tenantFile(folder, format, table) {
  return path.join(folder, format, `${table}.${format}`);
}

/**
 * Writes a tenant of `rows` sign-ins into `folder` unless a manifest there shows the same rows,
 * seed and generator version. Returns the manifest, with the size of each file.
 */
export async function generateTenant({ rows, seed = DEFAULT_SEED, folder, force = false, log = () => {} }) {
  const manifestPath = path.join(folder, 'manifest.json');
  if (!force) {
    const cached = await readManifest(manifestPath);
    if (cached && cached.rows === rows && cached.seed === seed && cached.generatorVersion === GENERATOR_VERSION) return cached;
  }

  await rm(folder, { recursive: true, force: true });
  for (const format of FORMATS) await mkdir(path.join(folder, format), { recursive: true });

  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    await connection.run(buildRowsTable(rows, seed));
    for (const table of TABLES) {
      const interactive = table === 'SigninLogs';
      for (const format of FORMATS) {
        log(`writing ${tenantFile(folder, format, table)}`);
        await connection.run(buildCopy(format, interactive, tenantFile(folder, format, table)));
      }
    }

    const counts = await connection.runAndReadAll(
      `SELECT count(*) FILTER (WHERE interactive) AS interactive, count(*) FILTER (WHERE NOT interactive) AS non_interactive,
              count(*) FILTER (WHERE user_index = 0) AS top_user, count(*) FILTER (WHERE is_foreign) AS foreign_rows,
              count(*) FILTER (WHERE token_claim) AS token_claim
       FROM gen_rows`,
    );
    const [interactive, nonInteractive, topUser, foreignRows, tokenClaim] = counts.getRows()[0].map(Number);
    const files = {};
    for (const format of FORMATS) {
      files[format] = {};
      for (const table of TABLES) files[format][table] = (await stat(tenantFile(folder, format, table))).size;
    }
    const manifest = {
      generatorVersion: GENERATOR_VERSION,
      rows,
      seed,
      endTime: END_TIME,
      spanDays: SPAN_DAYS,
      rowsByTable: { SigninLogs: interactive, AADNonInteractiveUserSignInLogs: nonInteractive },
      topUserRows: topUser,
      foreignRows,
      tokenClaimRows: tokenClaim,
      bytes: files,
      generateSeconds: (performance.now() - started) / 1000,
    };
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function readManifest(file) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Draws every sign-in as one row of scalar values, sorted by TimeGenerated as an export is.
 * `u(k)` is a uniform value in [0, 1) from the k-th hash of the row number and the seed.
 */
function buildRowsTable(rows, seed) {
  const s = Number(seed);
  const u = (k) => `((hash(i, ${s}, ${k}) % 1000000)::DOUBLE / 1000000)`;
  const spanMicros = SPAN_DAYS * 86_400_000_000;
  // Regular users: one per 200 rows, at least 50, so the tenant grows with its row count.
  const regularUsers = Math.max(50, Math.round(rows / 200));
  return `
CREATE TABLE gen_rows AS
WITH draws AS (
    SELECT
        i,
        ${u(1)} AS u_user, ${u(2)} AS u_pick, ${u(3)} AS u_time, ${u(4)} AS u_lag, ${u(5)} AS u_table,
        ${u(6)} AS u_place, ${u(7)} AS u_auth, ${u(8)} AS u_result, ${u(9)} AS u_app,
        ${u(11)} AS u_lag_big, ${u(12)} AS u_risk, hash(i, ${s}, 13) AS h_id
    FROM range(${rows}) AS t(i)
),

users AS (
    SELECT
        *,
        -- Five service-like accounts hold 5%, 3%, 3%, 2% and 2% of all rows. Regular users
        -- follow a square-law skew, so a few of them are chatty too.
        CASE
            WHEN u_user < 0.05 THEN 0
            WHEN u_user < 0.08 THEN 1
            WHEN u_user < 0.11 THEN 2
            WHEN u_user < 0.13 THEN 3
            WHEN u_user < 0.15 THEN 4
            ELSE 5 + floor(${regularUsers} * u_pick * u_pick)::BIGINT
        END AS user_index
    FROM draws
),

placed AS (
    SELECT
        *,
        user_index < 5 AS service_account,
        -- Nine users in ten live in the US; the rest in GB, DE, CA or IN.
        CASE WHEN hash(user_index, ${s}, 20) % 10 = 0 THEN (['GB', 'DE', 'CA', 'IN'])[1 + (hash(user_index, ${s}, 21) % 4)::BIGINT] ELSE 'US' END AS home_country,
        u_place < 0.02 AS is_foreign,
        u_place >= 0.02 AND u_place < 0.025 AS no_location,
        -- Service accounts sign in interactively (legacy password flows) half of the time,
        -- people about one time in three.
        u_table < CASE WHEN user_index < 5 THEN 0.5 ELSE 0.32 END AS interactive,
        -- NOTE: u_time has 10^6 steps, so times fall on a 2.592 s grid over 30 days and one user's
        -- sign-ins can share an instant. The tool orders such ties by file and row.
        TIMESTAMPTZ '${END_TIME}' - INTERVAL ${SPAN_DAYS} DAYS + to_microseconds((u_time * ${spanMicros})::BIGINT) AS created
    FROM users
)

SELECT
    *,
    -- Log Analytics ingests a row 20 s to 5 min after the sign-in; one row in a hundred is late by up to two hours.
    created + to_microseconds((CASE WHEN u_lag_big < 0.01 THEN 300 + u_lag * 6900 ELSE 20 + u_lag * 280 END * 1000000)::BIGINT) AS generated,
    CASE
        WHEN no_location THEN NULL
        WHEN is_foreign THEN (['NG', 'RU', 'BR', 'NL', 'FR', 'JP', 'AU', 'SE'])[1 + (hash(i, ${s}, 22) % 8)::BIGINT]
        ELSE home_country
    END AS country,
    u_result < 0.03 AS failed,
    -- About 2% of rows carry an MFA claim from an existing token. For a third of the interactive
    -- ones the first step's result detail is "Previously satisfied" in place of the claim text.
    u_auth < 0.02 AS token_claim,
    (['Microsoft Teams', 'Exchange Online', 'Office 365 SharePoint Online', 'OneDrive SyncEngine', 'Azure Portal',
      'Microsoft Authentication Broker', 'Example HR Portal', 'Outlook Mobile'])[1 + (u_app * 8)::INTEGER % 8] AS app_name,
    -- Each user has 16 sessions, and a session stays on one device, as a browser's cookie does.
    hash(i, 47) % 16 AS session_no,
    1 + (hash(user_index, hash(i, 47) % 16, ${s}, 23) % 5)::INTEGER AS device_index,
    (['none', 'none', 'none', 'low', 'medium'])[1 + (u_risk * 5)::INTEGER % 5] AS risk
FROM placed
ORDER BY generated, i`;
}

/** Builds the SQL for a placeholder GUID with `group` as its fourth block and `expression` as its last, in hex. */
function guid(group, expression) {
  return `printf('00000000-0000-4000-${group}-%012x', ${expression})`;
}

/** Text of a time as Log Analytics writes it: seven fractional digits and `Z`. */
function isoTime(expression) {
  return `strftime(${expression}, '%Y-%m-%dT%H:%M:%S.%f') || '0Z'`;
}

/**
 * Selects every exported column of one table. Nested columns are STRUCTs or LISTs in
 * SigninLogs and JSON text in AADNonInteractiveUserSignInLogs, as Log Analytics stores them.
 * `textOnly` turns every nested value into JSON text, as a CSV cell contains it.
 */
function buildSelect(interactive, { textOnly, timesAsText }) {
  const nested = (expression) => (interactive && !textOnly ? expression : `to_json(${expression})::VARCHAR`);
  const time = (expression) => (timesAsText ? isoTime(expression) : expression);
  const upn = `CASE user_index WHEN 0 THEN 'svc-mailscan@example.com' WHEN 1 THEN 'svc-backup@example.com'
      WHEN 2 THEN 'svc-crm-sync@example.com' WHEN 3 THEN 'svc-printers@example.com' WHEN 4 THEN 'svc-reporting@example.com'
      ELSE printf('user%05d@example.com', user_index) END`;
  const ip = `CASE WHEN is_foreign THEN printf('203.0.113.%d', hash(i, 31) % 254 + 1)
      WHEN user_index % 3 = 0 THEN printf('2001:db8:%x::%x', user_index % 65536, hash(i, 32) % 4096)
      ELSE printf('198.51.100.%d', user_index % 254 + 1) END`;
  const city = `CASE country WHEN 'US' THEN (['Seattle', 'Austin', 'Chicago', 'New York'])[1 + user_index % 4]
      WHEN 'GB' THEN 'London' WHEN 'DE' THEN 'Berlin' WHEN 'CA' THEN 'Toronto' WHEN 'IN' THEN 'Mumbai'
      WHEN 'NG' THEN 'Lagos' WHEN 'RU' THEN 'Moscow' WHEN 'BR' THEN 'Sao Paulo' WHEN 'NL' THEN 'Amsterdam'
      WHEN 'FR' THEN 'Paris' WHEN 'JP' THEN 'Tokyo' WHEN 'AU' THEN 'Sydney' ELSE 'Stockholm' END`;
  const authSteps = `CASE
      WHEN NOT interactive THEN []
      WHEN token_claim THEN [{'authenticationStepDateTime': ${isoTime('created')}, 'authenticationMethod': 'Previously satisfied',
          'authenticationMethodDetail': NULL, 'succeeded': true,
          'authenticationStepResultDetail': CASE WHEN i % 3 = 0 THEN 'Previously satisfied' ELSE 'MFA requirement satisfied by claim in the token' END,
          'authenticationStepRequirement': 'Primary authentication', 'StatusSequence': 0, 'RequestSequence': 1}]
      WHEN failed THEN [{'authenticationStepDateTime': ${isoTime('created')}, 'authenticationMethod': 'Password',
          'authenticationMethodDetail': 'Password in the cloud', 'succeeded': false,
          'authenticationStepResultDetail': 'Invalid username or password or Invalid on-premise username or password.',
          'authenticationStepRequirement': 'Primary authentication', 'StatusSequence': 0, 'RequestSequence': 1}]
      ELSE [{'authenticationStepDateTime': ${isoTime('created')}, 'authenticationMethod': 'Password',
          'authenticationMethodDetail': 'Password in the cloud', 'succeeded': true,
          'authenticationStepResultDetail': 'Correct password',
          'authenticationStepRequirement': 'Primary authentication', 'StatusSequence': 0, 'RequestSequence': 1},
        {'authenticationStepDateTime': ${isoTime('created')}, 'authenticationMethod': 'Mobile app notification',
          'authenticationMethodDetail': NULL, 'succeeded': true,
          'authenticationStepResultDetail': 'MFA successfully completed',
          'authenticationStepRequirement': 'MFA', 'StatusSequence': 0, 'RequestSequence': 1}]
    END`;
  const singleFactor = `NOT interactive OR token_claim OR failed OR service_account`;
  // Four policies, as a tenant with a small Conditional Access setup returns them for every
  // sign-in; this keeps an NDJSON row near 4 KB.
  const policies = `list_transform(range(4), p -> {
      'id': printf('00000000-0000-4000-e000-%012x', p + 1),
      'displayName': (['Require MFA for all users', 'Block legacy authentication', 'Require compliant device for admins',
        'Sign-in frequency for unmanaged devices', 'Block access from sanctioned countries', 'Require MFA for Azure management',
        'Require terms of use for guests', 'Require password change for high user risk'])[p + 1],
      'enforcedGrantControls': CASE WHEN p % 3 = 0 THEN ['Mfa'] WHEN p % 3 = 1 THEN ['Block'] ELSE ['RequireCompliantDevice', 'Mfa'] END,
      'enforcedSessionControls': CASE WHEN p = 3 THEN ['SignInFrequency'] ELSE [] END,
      'result': CASE WHEN failed THEN 'notEnabled' WHEN (i + p) % 4 = 0 THEN 'success' ELSE 'notApplied' END,
      'conditionsSatisfied': 'application,users', 'conditionsNotSatisfied': 'none'})`;
  const resultType = `CASE WHEN failed THEN (['50126', '50074', '50140'])[1 + i % 3] ELSE '0' END`;
  const userAgent = `(['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36 Edg/141.0.0.0',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.1 Safari/605.1.15',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 19_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.1 Mobile/15E148 Safari/604.1',
      'Mozilla/5.0 (X11; Linux x86_64; rv:144.0) Gecko/20100101 Firefox/144.0',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Teams/25.1.0 Chrome/141.0.0.0 Safari/537.36'])[device_index]`;
  const table = interactive ? 'SigninLogs' : 'AADNonInteractiveUserSignInLogs';
  const category = interactive ? 'SignInLogs' : 'NonInteractiveUserSignInLogs';

  return `
    ${guid('d000', '1')} AS TenantId,
    'Azure AD' AS SourceSystem,
    ${time('generated')} AS TimeGenerated,
    '/tenants/' || ${guid('d000', '1')} || '/providers/Microsoft.aadiam' AS ResourceId,
    'Sign-in activity' AS OperationName,
    '1.0' AS OperationVersion,
    '${category}' AS Category,
    ${resultType} AS ResultType,
    'None' AS ResultSignature,
    CASE WHEN failed THEN 'Error validating credentials due to invalid username or password.' ELSE '' END AS ResultDescription,
    (hash(i, 40) % 900 + 30)::BIGINT AS DurationMs,
    ${guid('9000', 'h_id % 281474976710655')} AS CorrelationId,
    'Microsoft.aadiam' AS Resource,
    'Microsoft.aadiam' AS ResourceGroup,
    '' AS ResourceProvider,
    CASE WHEN user_index < 5 THEN 'Service account ' || user_index ELSE printf('User %05d', user_index) END AS Identity,
    '4' AS Level,
    coalesce(country, '') AS Location,
    '' AS AlternateSignInName,
    app_name AS AppDisplayName,
    ${guid('c000', '1 + (u_app * 8)::INTEGER % 8')} AS AppId,
    '[]' AS AuthenticationContextClassReferences,
    to_json(${authSteps})::VARCHAR AS AuthenticationDetails,
    '[]' AS AuthenticationMethodsUsed,
    ${nested(`[{'key': 'Legacy TLS (TLS 1.0, 1.1, 3DES)', 'value': 'False'}, {'key': 'Is CAE Token', 'value': 'False'},
      {'key': 'Oauth Scope Info', 'value': '["offline_access","openid","profile","User.Read"]'}]`)} AS AuthenticationProcessingDetails,
    CASE WHEN ${singleFactor} THEN 'singleFactorAuthentication' ELSE 'multiFactorAuthentication' END AS AuthenticationRequirement,
    ${nested(`[{'requirementProvider': 'multiConditionalAccess', 'detail': 'Conditional Access'}]`)} AS AuthenticationRequirementPolicies,
    (64496 + hash(coalesce(country, '-'), 41) % 16)::VARCHAR AS AutonomousSystemNumber,
    CASE WHEN device_index = 5 THEN 'Mobile Apps and Desktop clients' ELSE 'Browser' END AS ClientAppUsed,
    ${nested(policies)} AS ConditionalAccessPolicies,
    CASE WHEN failed THEN 'notApplied' WHEN ${singleFactor} THEN 'notApplied' ELSE 'success' END AS ConditionalAccessStatus,
    ${time('created')} AS CreatedDateTime,
    'none' AS CrossTenantAccessType,
    ${nested(`{'deviceId': CASE WHEN device_index = 1 THEN printf('00000000-0000-4000-f000-%012x', user_index) ELSE '' END,
      'displayName': '', 'operatingSystem': (['Windows10', 'MacOs', 'Ios 19.1', 'Linux', 'Windows10'])[device_index],
      'browser': (['Edge 141.0.3537', 'Safari 19.1', 'Mobile Safari 19.1', 'Firefox 144.0', 'Rich Client 5.19.0'])[device_index],
      'isCompliant': device_index = 1, 'isManaged': device_index = 1, 'trustType': CASE WHEN device_index = 1 THEN 'Azure AD joined' ELSE '' END}`)} AS DeviceDetail,
    ${guid('d000', '1')} AS HomeTenantId,
    ${guid('8000', 'h_id % 281474976710655')} AS Id,
    ${ip} AS IPAddress,
    ${interactive ? 'true' : 'false'} AS IsInteractive,
    false AS IsRisky,
    ${nested(`CASE WHEN country IS NULL THEN {'city': NULL, 'state': NULL, 'countryOrRegion': NULL, 'geoCoordinates': NULL}
      ELSE {'city': ${city}, 'state': ${city}, 'countryOrRegion': country,
        'geoCoordinates': {'latitude': round((hash(country, 42) % 140)::DOUBLE - 70 + (hash(i, 43) % 100) / 1000.0, 3),
                           'longitude': round((hash(country, 44) % 340)::DOUBLE - 170 + (hash(i, 45) % 100) / 1000.0, 3)}} END`)} AS LocationDetails,
    ${nested(`{'authMethod': CASE WHEN ${singleFactor} THEN NULL ELSE 'Mobile app notification' END, 'authDetail': NULL}`)} AS MfaDetail,
    ${nested(`[{'networkType': CASE WHEN is_foreign THEN 'none' ELSE 'trustedNamedLocation' END, 'networkNames': CASE WHEN is_foreign THEN [] ELSE ['Head office'] END}]`)} AS NetworkLocationDetails,
    ${guid('8000', 'h_id % 281474976710655')} AS OriginalRequestId,
    (hash(i, 46) % 300)::VARCHAR AS ProcessingTimeInMilliseconds,
    (['Microsoft Teams Services', 'Office 365 Exchange Online', 'Office 365 SharePoint Online', 'Office 365 SharePoint Online',
      'Windows Azure Service Management API', 'Microsoft Graph', 'Example HR Portal API', 'Office 365 Exchange Online'])[1 + (u_app * 8)::INTEGER % 8] AS ResourceDisplayName,
    ${guid('c100', '1 + (u_app * 8)::INTEGER % 8')} AS ResourceIdentity,
    ${guid('d000', '1')} AS ResourceTenantId,
    'none' AS RiskDetail,
    '[]' AS RiskEventTypes,
    '[]' AS RiskEventTypes_V2,
    risk AS RiskLevelAggregated,
    risk AS RiskLevelDuringSignIn,
    'none' AS RiskState,
    ${guid('a000', 'user_index * 64 + session_no')} AS SessionId,
    ${nested(`{'errorCode': ${resultType}::INTEGER,
      'failureReason': CASE WHEN failed THEN 'Error validating credentials due to invalid username or password.' ELSE NULL END,
      'additionalDetails': CASE WHEN token_claim OR (NOT interactive AND i % 50 = 0) THEN 'MFA requirement satisfied by claim in the token'
        WHEN failed THEN 'The user didn''t enter the right credentials.' ELSE NULL END}`)} AS Status,
    '' AS TokenIssuerName,
    'AzureAD' AS TokenIssuerType,
    to_base64(('token-' || i::VARCHAR || '-' || (h_id % 99991)::VARCHAR)::BLOB) AS UniqueTokenIdentifier,
    ${userAgent} AS UserAgent,
    CASE WHEN user_index < 5 THEN 'Service account ' || user_index ELSE printf('User %05d', user_index) END AS UserDisplayName,
    ${guid('b000', 'user_index')} AS UserId,
    ${upn} AS UserPrincipalName,
    'Member' AS UserType,
    'none' AS IncomingTokenType,
    'userPrincipalName' AS SignInIdentifierType,
    '${table}' AS Type`;
}

function buildCopy(format, interactive, file) {
  const where = `WHERE ${interactive ? '' : 'NOT '}interactive`;
  const target = `'${file.replaceAll("'", "''")}'`;
  switch (format) {
    case 'parquet':
      return `COPY (SELECT ${buildSelect(interactive, { textOnly: false, timesAsText: false })} FROM gen_rows ${where})
              TO ${target} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`;
    case 'ndjson':
      return `COPY (SELECT ${buildSelect(interactive, { textOnly: false, timesAsText: true })} FROM gen_rows ${where})
              TO ${target} (FORMAT json)`;
    case 'csv':
      return `COPY (SELECT ${buildSelect(interactive, { textOnly: true, timesAsText: true })} FROM gen_rows ${where})
              TO ${target} (FORMAT csv, HEADER true, QUOTE '"', ESCAPE '"')`;
    default:
      throw new Error(`unknown format ${format}`);
  }
}

async function main(argv) {
  const options = { sizes: '100k,1m', seed: DEFAULT_SEED, out: 'bench-out/data', force: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--force') options.force = true;
    else if (['--sizes', '--seed', '--out'].includes(argument) && index + 1 < argv.length) options[argument.slice(2)] = argv[++index];
    else throw new Error(`unknown argument "${argument}". Usage: node bench/generate.mjs [--sizes 100k,1m] [--seed N] [--out DIR] [--force]`);
  }
  for (const label of options.sizes.split(',')) {
    const folder = tenantFolder(options.out, label, Number(options.seed));
    const manifest = await generateTenant({
      rows: parseSize(label),
      seed: Number(options.seed),
      folder,
      force: options.force,
      log: (message) => console.error(message),
    });
    console.log(`${folder}: ${manifest.rows} rows, generated in ${manifest.generateSeconds.toFixed(1)} s`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
