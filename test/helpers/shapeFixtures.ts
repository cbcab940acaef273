import { gzipSync } from 'node:zlib';

/**
 * One small invented tenant, rendered as files in every export layout that hunt-cookies reads.
 * Every layout contains the same eight sign-ins with the same request ids, so each must normalise
 * to the same canonical rows and yield the same findings. All values are invented:
 * example.test users, documentation IP ranges and placeholder GUIDs.
 */

/** One authentication step of a sign-in, in the words Entra writes. */
export interface FixtureStep {
  method: string;
  methodDetail: string | null;
  succeeded: boolean;
  resultDetail: string;
  requirement: string;
}

/** One sign-in of the fixture tenant, with the values every layout can carry. */
export interface FixtureSignIn {
  id: string;
  correlationId: string;
  sessionId: string;
  uniqueTokenId: string;
  /** Event time, ISO 8601 UTC in whole seconds. */
  time: string;
  /** Log Analytics ingestion time, a few minutes after the event. */
  ingestTime: string;
  userPrincipalName: string;
  userId: string;
  ipAddress: string;
  country: string;
  state: string;
  city: string;
  latitude: number;
  longitude: number;
  app: string;
  appId: string;
  resource: string;
  resultCode: number;
  failureReason: string;
  requirement: 'singleFactorAuthentication' | 'multiFactorAuthentication';
  additionalDetails: string | null;
  interactive: boolean;
  steps: FixtureStep[];
  operatingSystem: string;
  browser: string;
  userAgent: string;
  autonomousSystemNumber: number;
  conditionalAccessStatus: string;
  riskLevel: string;
  tokenIssuerType: string;
  clientApp: string;
}

const TENANT_ID = '00000000-0000-4000-a000-000000000000';
const USER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) ExampleBrowser/1.0';

function guid(group: string, index: number): string {
  return `00000000-0000-4000-${group}-${String(index).padStart(12, '0')}`;
}

const PASSWORD: FixtureStep = {
  method: 'Password',
  methodDetail: 'Password in the cloud',
  succeeded: true,
  resultDetail: 'Correct password',
  requirement: 'Primary authentication',
};

function secondFactor(method: string): FixtureStep {
  return { method, methodDetail: null, succeeded: true, resultDetail: 'MFA successfully completed', requirement: 'Multifactor authentication' };
}

const TOKEN_CLAIM: FixtureStep = {
  method: 'Previously satisfied',
  methodDetail: null,
  succeeded: true,
  resultDetail: 'First factor requirement satisfied by claim in the token',
  requirement: 'Primary authentication',
};

const ADA = { userPrincipalName: 'ada@example.test', userId: guid('b000', 1) };
const BEN = { userPrincipalName: 'ben@example.test', userId: guid('b000', 2) };
const CLEO = { userPrincipalName: 'cleo@example.test', userId: guid('b000', 3) };

const BERLIN = { country: 'DE', state: 'Berlin', city: 'Berlin', latitude: 52.52, longitude: 13.405 };
const SAO_PAULO = { country: 'BR', state: 'Sao Paulo', city: 'Sao Paulo', latitude: -23.55, longitude: -46.633 };
const SEATTLE = { country: 'US', state: 'Washington', city: 'Seattle', latitude: 47.606, longitude: -122.332 };
const LONDON = { country: 'GB', state: 'England', city: 'London', latitude: 51.507, longitude: -0.128 };
const PARIS = { country: 'FR', state: 'Ile-de-France', city: 'Paris', latitude: 48.857, longitude: 2.352 };

function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

type RequiredFields = 'time' | 'userPrincipalName' | 'userId' | 'ipAddress' | 'app' | 'steps';

function buildSignIn(index: number, fields: Partial<FixtureSignIn> & Pick<FixtureSignIn, RequiredFields>): FixtureSignIn {
  return {
    id: guid('8000', index),
    correlationId: guid('c000', index),
    sessionId: guid('5000', index),
    uniqueTokenId: `VG9rZW4tMDAw${index}`,
    ingestTime: addMinutes(fields.time, 3),
    ...BERLIN,
    appId: guid('a000', index),
    resource: 'Windows Azure Service Management API',
    resultCode: 0,
    failureReason: 'Other.',
    requirement: 'multiFactorAuthentication',
    additionalDetails: null,
    interactive: true,
    operatingSystem: 'Windows 10',
    browser: 'Edge 120.0.0',
    userAgent: USER_AGENT,
    autonomousSystemNumber: 64500 + index,
    conditionalAccessStatus: 'notApplied',
    riskLevel: 'none',
    tokenIssuerType: 'AzureAD',
    clientApp: 'Browser',
    ...fields,
  };
}

/**
 * The fixture tenant, in time order. Findings in the default mode:
 * - an impossible travel for ada, Berlin (10:00) then Sao Paulo (10:40);
 * - a session reuse for ben, a single-factor "Exchange Online" sign-in whose only step used
 *   the method "Previously satisfied".
 * cleo's first sign-in fails with 50126, and ada's Sao Paulo sign-in at 13:00 is non-interactive.
 */
export const FIXTURE_SIGN_INS: readonly FixtureSignIn[] = [
  buildSignIn(1, {
    ...BEN,
    ...SEATTLE,
    time: '2024-03-01T09:00:00Z',
    ipAddress: '198.51.100.5',
    app: 'Office 365 Exchange Online',
    steps: [PASSWORD, secondFactor('Mobile app notification')],
  }),
  buildSignIn(2, {
    ...ADA,
    ...BERLIN,
    time: '2024-03-01T10:00:00Z',
    ipAddress: '192.0.2.10',
    app: 'Azure Portal',
    steps: [PASSWORD, secondFactor('Mobile app notification')],
  }),
  buildSignIn(3, {
    ...ADA,
    ...SAO_PAULO,
    time: '2024-03-01T10:40:00Z',
    ipAddress: '203.0.113.20',
    app: 'Microsoft Teams',
    steps: [PASSWORD, secondFactor('Text message')],
  }),
  buildSignIn(4, {
    ...BEN,
    ...SEATTLE,
    time: '2024-03-01T11:15:00Z',
    ipAddress: '198.51.100.6',
    app: 'Exchange Online',
    requirement: 'singleFactorAuthentication',
    additionalDetails: 'MFA requirement satisfied by claim in the token',
    steps: [TOKEN_CLAIM],
  }),
  buildSignIn(5, {
    ...CLEO,
    ...LONDON,
    time: '2024-03-01T12:00:00Z',
    ipAddress: '203.0.113.30',
    app: 'Azure Portal',
    resultCode: 50126,
    failureReason: 'Invalid username or password or Invalid on-premise username or password.',
    requirement: 'singleFactorAuthentication',
    conditionalAccessStatus: 'failure',
    steps: [{ ...PASSWORD, succeeded: false, resultDetail: 'Invalid username or password or Invalid on-premise username or password.' }],
  }),
  buildSignIn(6, {
    ...CLEO,
    ...LONDON,
    time: '2024-03-01T12:05:00Z',
    ipAddress: '203.0.113.31',
    app: 'Azure Portal',
    steps: [PASSWORD, secondFactor('OATH verification code')],
  }),
  buildSignIn(7, {
    ...ADA,
    ...SAO_PAULO,
    time: '2024-03-01T13:00:00Z',
    ipAddress: '203.0.113.21',
    app: 'Microsoft Authentication Broker',
    requirement: 'singleFactorAuthentication',
    interactive: false,
    clientApp: 'Mobile Apps and Desktop clients',
    steps: [TOKEN_CLAIM],
  }),
  buildSignIn(8, {
    ...CLEO,
    ...PARIS,
    time: '2024-03-01T15:30:00Z',
    ipAddress: '198.51.100.40',
    app: 'Microsoft Teams',
    steps: [PASSWORD, secondFactor('Mobile app notification')],
  }),
];

/** One file of a layout variant: its name and its exact bytes. */
export interface FixtureFile {
  name: string;
  bytes: Buffer;
  /** Records the file holds: sign-ins, or authentication steps for an `_AuthDetails_` file. */
  records: number;
}

/** The fixture tenant in one layout and container, as one or more files. */
export interface LayoutVariant {
  /** Short label used in test names, such as `log-analytics-json-array`. */
  label: string;
  /** Layout id that `--format json` reports for the sign-in files. */
  shape: string;
  files: FixtureFile[];
  /**
   * Finding columns this layout cannot carry with the values of the other layouts, so they
   * are left out when its findings are compared.
   */
  missingFindingFields: string[];
  /** Detection types this layout cannot support, such as velocity without coordinates. */
  missingDetections: string[];
}

// ---------------------------------------------------------------------------------------------
// Log Analytics (SigninLogs and AADNonInteractiveUserSignInLogs)
// ---------------------------------------------------------------------------------------------

/** Rewrites a whole-second time with 7 fractional digits and `+00:00`, as Log Analytics and diagnostic records write it. */
function ticksTime(iso: string): string {
  return iso.replace(/Z$/, '.0000000+00:00');
}

function logAnalyticsSteps(signIn: FixtureSignIn): Record<string, unknown>[] {
  return signIn.steps.map((step, index) => ({
    authenticationStepDateTime: ticksTime(signIn.time),
    authenticationMethod: step.method,
    ...(step.methodDetail === null ? {} : { authenticationMethodDetail: step.methodDetail }),
    succeeded: step.succeeded,
    authenticationStepResultDetail: step.resultDetail,
    authenticationStepRequirement: step.requirement,
    StatusSequence: 0,
    RequestSequence: index,
  }));
}

function graphLocation(signIn: FixtureSignIn): Record<string, unknown> {
  return {
    city: signIn.city,
    state: signIn.state,
    countryOrRegion: signIn.country,
    geoCoordinates: { latitude: signIn.latitude, longitude: signIn.longitude },
  };
}

function graphStatus(signIn: FixtureSignIn): Record<string, unknown> {
  return {
    errorCode: signIn.resultCode,
    failureReason: signIn.failureReason,
    ...(signIn.additionalDetails === null ? {} : { additionalDetails: signIn.additionalDetails }),
  };
}

function graphDevice(signIn: FixtureSignIn): Record<string, unknown> {
  return { deviceId: '', operatingSystem: signIn.operatingSystem, browser: signIn.browser, isCompliant: false, isManaged: false, trustType: '' };
}

/** Log Analytics columns with their REST API types, in the order the fixture writes them. */
const LOG_ANALYTICS_COLUMNS: readonly [string, string][] = [
  ['TenantId', 'string'],
  ['SourceSystem', 'string'],
  ['TimeGenerated', 'datetime'],
  ['Id', 'string'],
  ['CreatedDateTime', 'datetime'],
  ['UserPrincipalName', 'string'],
  ['UserId', 'string'],
  ['IPAddress', 'string'],
  ['Location', 'string'],
  ['LocationDetails', 'dynamic'],
  ['AppDisplayName', 'string'],
  ['AppId', 'string'],
  ['ResourceDisplayName', 'string'],
  ['ResultType', 'string'],
  ['ResultDescription', 'string'],
  ['Status', 'dynamic'],
  ['AuthenticationRequirement', 'string'],
  ['AuthenticationDetails', 'string'],
  ['IsInteractive', 'bool'],
  ['CorrelationId', 'string'],
  ['SessionId', 'string'],
  ['UniqueTokenIdentifier', 'string'],
  ['DeviceDetail', 'dynamic'],
  ['UserAgent', 'string'],
  ['AutonomousSystemNumber', 'string'],
  ['ConditionalAccessStatus', 'string'],
  ['RiskLevelDuringSignIn', 'string'],
  ['RiskLevelAggregated', 'string'],
  ['TokenIssuerType', 'string'],
  ['ClientAppUsed', 'string'],
  ['Category', 'string'],
  ['Type', 'string'],
];

const NESTED_LOG_ANALYTICS_COLUMNS = new Set(['LocationDetails', 'Status', 'DeviceDetail']);

/**
 * Returns one Log Analytics row. `nested` sets how the dynamic columns are written: as objects
 * (SigninLogs from the API) or as JSON text (NDJSON, REST envelope, and always for the
 * non-interactive table, whose nested columns are strings).
 */
function logAnalyticsRecord(signIn: FixtureSignIn, nested: 'object' | 'text'): Record<string, unknown> {
  const asText = nested === 'text' || !signIn.interactive;
  const dynamic = (value: Record<string, unknown>): unknown => (asText ? JSON.stringify(value) : value);
  return {
    TenantId: TENANT_ID,
    SourceSystem: 'Azure AD',
    TimeGenerated: ticksTime(signIn.ingestTime).replace('+00:00', 'Z'),
    Id: signIn.id,
    CreatedDateTime: ticksTime(signIn.time).replace('+00:00', 'Z'),
    UserPrincipalName: signIn.userPrincipalName,
    UserId: signIn.userId,
    IPAddress: signIn.ipAddress,
    Location: signIn.country,
    LocationDetails: dynamic(graphLocation(signIn)),
    AppDisplayName: signIn.app,
    AppId: signIn.appId,
    ResourceDisplayName: signIn.resource,
    ResultType: String(signIn.resultCode),
    ResultDescription: signIn.resultCode === 0 ? '' : signIn.failureReason,
    Status: dynamic(graphStatus(signIn)),
    AuthenticationRequirement: signIn.requirement,
    AuthenticationDetails: JSON.stringify(logAnalyticsSteps(signIn)),
    IsInteractive: signIn.interactive,
    CorrelationId: signIn.correlationId,
    SessionId: signIn.sessionId,
    UniqueTokenIdentifier: signIn.uniqueTokenId,
    DeviceDetail: dynamic(graphDevice(signIn)),
    UserAgent: signIn.userAgent,
    AutonomousSystemNumber: String(signIn.autonomousSystemNumber),
    ConditionalAccessStatus: signIn.conditionalAccessStatus,
    RiskLevelDuringSignIn: signIn.riskLevel,
    RiskLevelAggregated: signIn.riskLevel,
    TokenIssuerType: signIn.tokenIssuerType,
    ClientAppUsed: signIn.clientApp,
    Category: signIn.interactive ? 'SignInLogs' : 'NonInteractiveUserSignInLogs',
    Type: signIn.interactive ? 'SigninLogs' : 'AADNonInteractiveUserSignInLogs',
  };
}

/** Renders the Log Analytics JSON array of the API or SDKs: dynamic columns as objects, AuthenticationDetails as text. */
export function renderLogAnalyticsArray(signIns: readonly FixtureSignIn[] = FIXTURE_SIGN_INS): string {
  return JSON.stringify(signIns.map((signIn) => logAnalyticsRecord(signIn, 'object')), null, 2);
}

/** Renders Log Analytics rows as NDJSON, every nested column as JSON text. */
export function renderLogAnalyticsNdjson(signIns: readonly FixtureSignIn[] = FIXTURE_SIGN_INS): string {
  return signIns.map((signIn) => JSON.stringify(logAnalyticsRecord(signIn, 'text'))).join('\n') + '\n';
}

/** Renders the Log Analytics query REST response, with typed columns and positional rows. */
export function renderLogAnalyticsRest(signIns: readonly FixtureSignIn[] = FIXTURE_SIGN_INS): string {
  const rows = signIns.map((signIn) => {
    const record = logAnalyticsRecord(signIn, 'text');
    return LOG_ANALYTICS_COLUMNS.map(([name]) => record[name]);
  });
  return JSON.stringify({
    tables: [{ name: 'PrimaryResult', columns: LOG_ANALYTICS_COLUMNS.map(([name, type]) => ({ name, type })), rows }],
  });
}

/** Formats a time as the Log Analytics UI writes it in a `[UTC]` column: `3/1/2024, 10:00:00.000 AM`. */
export function logAnalyticsUiTime(iso: string): string {
  const date = new Date(iso);
  const hours = date.getUTCHours();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (value: number) => String(value).padStart(2, '0');
  const millis = String(date.getUTCMilliseconds()).padStart(3, '0');
  return (
    `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()}, ` +
    `${hour12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${millis} ${hours < 12 ? 'AM' : 'PM'}`
  );
}

/** Quotes a CSV cell when it contains a comma, a quote or a line break (RFC 4180). */
function csvCell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'boolean') text = value ? 'TRUE' : 'FALSE';
  else text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',');
}

/**
 * Renders the Log Analytics UI CSV export of a `union` of both sign-in tables. It is UTF-8 with a
 * byte order mark and CRLF line ends, with `[UTC]` time headers in the browser's US format.
 * Nested columns come as `_dynamic` / `_string` pairs: SigninLogs rows fill the first, and
 * non-interactive rows the second. AuthenticationDetails is pretty-printed over several lines
 * inside its quoted cell.
 */
export function renderLogAnalyticsUiCsv(signIns: readonly FixtureSignIn[] = FIXTURE_SIGN_INS): Buffer {
  const header: string[] = [];
  for (const [name] of LOG_ANALYTICS_COLUMNS) {
    if (name === 'TimeGenerated' || name === 'CreatedDateTime') header.push(`${name} [UTC]`);
    else if (NESTED_LOG_ANALYTICS_COLUMNS.has(name)) header.push(`${name}_dynamic`, `${name}_string`);
    else header.push(name);
  }

  const lines = [csvLine(header)];
  for (const signIn of signIns) {
    const record = logAnalyticsRecord(signIn, 'text');
    const cells: unknown[] = [];
    for (const [name] of LOG_ANALYTICS_COLUMNS) {
      if (name === 'TimeGenerated') cells.push(logAnalyticsUiTime(signIn.ingestTime));
      else if (name === 'CreatedDateTime') cells.push(logAnalyticsUiTime(signIn.time));
      else if (name === 'AuthenticationDetails') cells.push(JSON.stringify(logAnalyticsSteps(signIn), null, 4));
      else if (NESTED_LOG_ANALYTICS_COLUMNS.has(name)) {
        cells.push(signIn.interactive ? record[name] : '', signIn.interactive ? '' : record[name]);
      } else cells.push(record[name]);
    }
    lines.push(csvLine(cells));
  }
  return withUtf8Bom(Buffer.from(lines.join('\r\n') + '\r\n', 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// Microsoft Graph signIn (beta), Extractor-Suite, admin center JSON
// ---------------------------------------------------------------------------------------------

/** Builds a Graph beta `signIn` record: camelCase, whole-second times, nested objects. */
export function graphRecord(signIn: FixtureSignIn): Record<string, unknown> {
  return {
    id: signIn.id,
    createdDateTime: signIn.time,
    userDisplayName: signIn.userPrincipalName.split('@')[0],
    userPrincipalName: signIn.userPrincipalName,
    userId: signIn.userId,
    appId: signIn.appId,
    appDisplayName: signIn.app,
    ipAddress: signIn.ipAddress,
    clientAppUsed: signIn.clientApp,
    userAgent: signIn.userAgent,
    correlationId: signIn.correlationId,
    conditionalAccessStatus: signIn.conditionalAccessStatus,
    originalRequestId: signIn.id,
    isInteractive: signIn.interactive,
    tokenIssuerType: signIn.tokenIssuerType,
    riskLevelAggregated: signIn.riskLevel,
    riskLevelDuringSignIn: signIn.riskLevel,
    resourceDisplayName: signIn.resource,
    sessionId: signIn.sessionId,
    uniqueTokenIdentifier: signIn.uniqueTokenId,
    autonomousSystemNumber: signIn.autonomousSystemNumber,
    authenticationRequirement: signIn.requirement,
    signInEventTypes: [signIn.interactive ? 'interactiveUser' : 'nonInteractiveUser'],
    status: graphStatus(signIn),
    deviceDetail: graphDevice(signIn),
    location: graphLocation(signIn),
    authenticationDetails: signIn.steps.map((step) => ({
      authenticationStepDateTime: signIn.time,
      authenticationMethod: step.method,
      authenticationMethodDetail: step.methodDetail,
      succeeded: step.succeeded,
      authenticationStepResultDetail: step.resultDetail,
      authenticationStepRequirement: step.requirement,
    })),
  };
}

/** Renders Graph records as a bare JSON array, which is also the Entra admin center JSON download. */
export function renderGraphArray(signIns: readonly FixtureSignIn[] = FIXTURE_SIGN_INS): string {
  return JSON.stringify(signIns.map(graphRecord));
}

/** Renders Graph records as NDJSON, as Extractor-Suite writes with `-Output SOF-ELK`. */
export function renderGraphNdjson(signIns: readonly FixtureSignIn[] = FIXTURE_SIGN_INS): string {
  return signIns.map((signIn) => JSON.stringify(graphRecord(signIn))).join('\n') + '\n';
}

/** Sign-ins per saved Graph API page. */
const GRAPH_PAGE_SIZE = 4;

const GRAPH_CONTEXT = 'https://graph.microsoft.com/beta/$metadata#auditLogs/signIns';

/** Renders Graph API pages saved one per file. Every page but the last has an `@odata.nextLink`. */
export function renderGraphPages(signIns: readonly FixtureSignIn[] = FIXTURE_SIGN_INS): string[] {
  const pageSize = GRAPH_PAGE_SIZE;
  const pages: string[] = [];
  for (let start = 0; start < signIns.length; start += pageSize) {
    const isLast = start + pageSize >= signIns.length;
    const page: Record<string, unknown> = {
      '@odata.context': GRAPH_CONTEXT,
      value: signIns.slice(start, start + pageSize).map(graphRecord),
    };
    if (!isLast) page['@odata.nextLink'] = `https://graph.microsoft.com/beta/auditLogs/signIns?$skiptoken=page${pages.length + 2}`;
    pages.push(JSON.stringify(page, null, 2));
  }
  return pages;
}

/**
 * Serializes JSON as Windows PowerShell 5.1 `ConvertTo-Json` writes it: indented, with two
 * spaces after each colon that ends a key.
 */
function powerShellJson(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(/^(\s*"[^"]*"):/gm, '$1:  ');
}

/**
 * Renders Microsoft-Extractor-Suite page files. The first is a page of three records, and the
 * second a page of one record written as a bare object, because PowerShell unrolls a
 * one-element array. The third contains two pages written back to back as two arrays (`][`),
 * as happens when two pages share a timestamped file name.
 */
export function renderExtractorPages(signIns: readonly FixtureSignIn[] = FIXTURE_SIGN_INS): FixtureFile[] {
  const records = signIns.map(graphRecord);
  const stem = 'interactiveUser-nonInteractiveUser-SignInLogs.json';
  return [
    { name: `20240302080000-${stem}`, bytes: Buffer.from(powerShellJson(records.slice(0, 3))), records: 3 },
    { name: `20240302080001-${stem}`, bytes: Buffer.from(powerShellJson(records[3])), records: 1 },
    {
      name: `20240302080002-${stem}`,
      bytes: Buffer.from(powerShellJson(records.slice(4, 6)) + powerShellJson(records.slice(6))),
      records: records.length - 4,
    },
  ];
}

/** Renders the Extractor-Suite `-MergeOutput` file, the pages' contents joined into one array. */
export function renderExtractorMerged(signIns: readonly FixtureSignIn[] = FIXTURE_SIGN_INS): string {
  return powerShellJson(signIns.map(graphRecord));
}

// ---------------------------------------------------------------------------------------------
// Azure Monitor diagnostic records
// ---------------------------------------------------------------------------------------------

/** Builds an Azure Monitor diagnostic record, with the Graph-like sign-in under `properties`. */
export function azureMonitorRecord(signIn: FixtureSignIn): Record<string, unknown> {
  const properties = graphRecord(signIn);
  properties.createdDateTime = ticksTime(signIn.time);
  properties.userType = 'Member';
  properties.authenticationDetails = logAnalyticsSteps(signIn);
  return {
    time: ticksTime(signIn.time).replace('+00:00', 'Z'),
    resourceId: `/tenants/${TENANT_ID}/providers/Microsoft.aadiam`,
    operationName: 'Sign-in activity',
    operationVersion: '1.0',
    category: signIn.interactive ? 'SignInLogs' : 'NonInteractiveUserSignInLogs',
    tenantId: TENANT_ID,
    resultType: String(signIn.resultCode),
    resultSignature: 'None',
    resultDescription: signIn.resultCode === 0 ? '' : signIn.failureReason,
    durationMs: 0,
    callerIpAddress: signIn.ipAddress,
    correlationId: signIn.correlationId,
    identity: properties.userDisplayName,
    Level: 4,
    location: signIn.country,
    properties,
  };
}

/** Renders diagnostic records in the `{"records": [...]}` envelope of an Event Hub message. */
export function renderAzureMonitorEnvelope(signIns: readonly FixtureSignIn[] = FIXTURE_SIGN_INS): string {
  return JSON.stringify({ records: signIns.map(azureMonitorRecord) });
}

/** Renders diagnostic records one per line, as in a storage account `PT1H.json` blob. */
export function renderAzureMonitorNdjson(signIns: readonly FixtureSignIn[] = FIXTURE_SIGN_INS): string {
  return signIns.map((signIn) => JSON.stringify(azureMonitorRecord(signIn))).join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Entra admin center CSV download
// ---------------------------------------------------------------------------------------------

/**
 * Header of the admin center sign-in CSV, a subset of the real one in its order, with its
 * quirks: trailing spaces on `Application ID ` and `Resource ID `, two spaces in
 * `Autonomous system  number`, and `Incoming token type` twice.
 */
const PORTAL_HEADER = [
  'Date (UTC)',
  'Request ID',
  'User agent',
  'Correlation ID',
  'User ID',
  'User',
  'Username',
  'User type',
  'Incoming token type',
  'Unique token identifier',
  'Application',
  'Application ID ',
  'Resource',
  'Resource ID ',
  'IP address',
  'Location',
  'Status',
  'Sign-in error code',
  'Failure reason',
  'Client app',
  'Browser',
  'Operating System',
  'Multifactor authentication result',
  'Authentication requirement',
  'Session ID',
  'Autonomous system  number',
  'Token issuer type',
  'Incoming token type',
  'Conditional Access',
];

function portalRequirement(requirement: FixtureSignIn['requirement']): string {
  return requirement === 'singleFactorAuthentication' ? 'Single-factor authentication' : 'Multifactor authentication';
}

function portalRow(signIn: FixtureSignIn): unknown[] {
  return [
    signIn.time,
    signIn.id,
    signIn.userAgent,
    signIn.correlationId,
    signIn.userId,
    signIn.userPrincipalName.split('@')[0],
    signIn.userPrincipalName,
    'Member',
    'none',
    signIn.uniqueTokenId,
    signIn.app,
    signIn.appId,
    signIn.resource,
    guid('d000', 1),
    signIn.ipAddress,
    `${signIn.city}, ${signIn.state}, ${signIn.country}`,
    signIn.resultCode === 0 ? 'Success' : 'Failure',
    signIn.resultCode,
    signIn.resultCode === 0 ? '' : signIn.failureReason,
    signIn.clientApp,
    signIn.browser,
    signIn.operatingSystem,
    signIn.additionalDetails ?? '',
    portalRequirement(signIn.requirement),
    signIn.sessionId,
    signIn.autonomousSystemNumber,
    signIn.tokenIssuerType,
    'none',
    signIn.conditionalAccessStatus === 'notApplied' ? 'Not Applied' : 'Failure',
  ];
}

const PORTAL_AUTH_HEADER = [
  'Request ID',
  'Date (UTC)',
  'Authentication method',
  'Authentication method detail',
  'Succeeded',
  'Result detail',
  'Requirement',
];

/**
 * Renders the admin center CSV download of each tab: the sign-ins file and its `_AuthDetails_`
 * companion, one row per authentication step. The admin center writes interactive and
 * non-interactive sign-ins to separate files, so the fixture has four files.
 */
export function renderPortalCsv(signIns: readonly FixtureSignIn[] = FIXTURE_SIGN_INS): FixtureFile[] {
  const files: FixtureFile[] = [];
  for (const [prefix, interactive] of [
    ['InteractiveSignIns', true],
    ['NonInteractiveSignIns', false],
  ] as const) {
    const tab = signIns.filter((signIn) => signIn.interactive === interactive);
    const signInLines = [csvLine(PORTAL_HEADER), ...tab.map((signIn) => csvLine(portalRow(signIn)))];
    const stepLines = [csvLine(PORTAL_AUTH_HEADER)];
    for (const signIn of tab) {
      for (const step of signIn.steps) {
        stepLines.push(
          csvLine([signIn.id, signIn.time, step.method, step.methodDetail ?? '', step.succeeded ? 'true' : 'false', step.resultDetail, step.requirement]),
        );
      }
    }
    files.push(
      { name: `${prefix}_2024-03-01_2024-03-02.csv`, bytes: Buffer.from(signInLines.join('\n') + '\n'), records: tab.length },
      {
        name: `${prefix}_AuthDetails_2024-03-01_2024-03-02.csv`,
        bytes: Buffer.from(stepLines.join('\n') + '\n'),
        records: stepLines.length - 1,
      },
    );
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// Every variant
// ---------------------------------------------------------------------------------------------

function single(name: string, text: string | Buffer, records: number): FixtureFile[] {
  return [{ name, bytes: typeof text === 'string' ? Buffer.from(text, 'utf8') : text, records }];
}

/**
 * Every layout and container variant of the fixture tenant. The first, the Log Analytics JSON
 * array, is the reference the others are compared with.
 */
export function layoutVariants(signIns: readonly FixtureSignIn[] = FIXTURE_SIGN_INS): LayoutVariant[] {
  const count = signIns.length;
  const variant = (
    label: string,
    shape: string,
    files: FixtureFile[],
    missingFindingFields: string[] = [],
    missingDetections: string[] = [],
  ): LayoutVariant => ({
    label,
    shape,
    files,
    missingFindingFields,
    missingDetections,
  });
  const graphPages = renderGraphPages(signIns).map((page, index) => ({
    name: `signIns-page${index + 1}.json`,
    bytes: Buffer.from(page),
    records: Math.min(GRAPH_PAGE_SIZE, count - index * GRAPH_PAGE_SIZE),
  }));
  const extractorMerged = 'SignInLogs-interactiveUser-nonInteractiveUser-Combined.json';
  const adminCenterJson = 'InteractiveSignIns_2024-03-01_2024-03-02.json';

  return [
    variant('log-analytics-json-array', 'log-analytics', single('SigninLogs.json', renderLogAnalyticsArray(signIns), count)),
    variant('log-analytics-ndjson', 'log-analytics', single('SigninLogs.ndjson', renderLogAnalyticsNdjson(signIns), count)),
    variant('log-analytics-ui-csv', 'log-analytics', single('query_data.csv', renderLogAnalyticsUiCsv(signIns), count)),
    variant('log-analytics-rest', 'log-analytics', single('query-response.json', renderLogAnalyticsRest(signIns), count)),
    variant('graph-array', 'graph', single('signIns.json', renderGraphArray(signIns), count)),
    variant('graph-ndjson', 'graph', single('signIns.ndjson', renderGraphNdjson(signIns), count)),
    variant('graph-pages', 'graph', graphPages),
    variant('extractor-pages', 'graph', renderExtractorPages(signIns)),
    variant('extractor-merged', 'graph', single(extractorMerged, renderExtractorMerged(signIns), count)),
    variant('admin-center-json', 'graph', single(adminCenterJson, renderGraphArray(signIns), count)),
    variant('azure-monitor-records', 'azure-monitor', single('PT1H-records.json', renderAzureMonitorEnvelope(signIns), count)),
    variant('azure-monitor-ndjson', 'azure-monitor', single('PT1H.json', renderAzureMonitorNdjson(signIns), count)),
    // The admin center CSV has no risk column, and writes Conditional Access as display text.
    // The admin center writes the place as "City, State, CC", without coordinates.
    variant(
      'admin-center-csv',
      'entra-portal-csv',
      renderPortalCsv(signIns),
      ['RiskLevelDuringSignIn', 'ConditionalAccessStatus', 'DistanceKm', 'SpeedKmh', 'Reason'],
      ['Velocity'],
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// Encoders
// ---------------------------------------------------------------------------------------------

export type TextCharset = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function withUtf8Bom(bytes: Buffer): Buffer {
  return Buffer.concat([UTF8_BOM, bytes]);
}

/** Decodes text bytes by their byte order mark, and as UTF-8 when there is none. */
export function decodeText(bytes: Buffer): { text: string; charset: TextCharset } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), charset: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le'), charset: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: Buffer.from(bytes.subarray(2)).swap16().toString('utf16le'), charset: 'utf-16be' };
  return { text: bytes.toString('utf8'), charset: 'utf-8' };
}

/** Encodes text in a charset, with the byte order mark that the charset name includes. */
export function encodeText(text: string, charset: TextCharset): Buffer {
  switch (charset) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return withUtf8Bom(Buffer.from(text, 'utf8'));
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  }
}

/** A re-encoding of a file's bytes. Gzip compresses any bytes, and the others decode and re-encode the text. */
export type Encoder = 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'crlf' | 'gzip';

export const TEXT_ENCODERS: readonly Encoder[] = ['utf-8-bom', 'utf-16le', 'utf-16be', 'crlf'];

/** Writes the text of a file as UTF-8 with a byte order mark. */
export function toUtf8Bom(bytes: Buffer): Buffer {
  return encodeText(decodeText(bytes).text, 'utf-8-bom');
}

/** Writes the text of a file as UTF-16LE with a byte order mark (Windows PowerShell `>`). */
export function toUtf16le(bytes: Buffer): Buffer {
  return encodeText(decodeText(bytes).text, 'utf-16le');
}

/** Writes the text of a file as UTF-16BE with a byte order mark. */
export function toUtf16be(bytes: Buffer): Buffer {
  return encodeText(decodeText(bytes).text, 'utf-16be');
}

/** Turns every bare LF into CRLF, keeping the file's charset and byte order mark. */
export function toCrlf(bytes: Buffer): Buffer {
  const { text, charset } = decodeText(bytes);
  return encodeText(text.replace(/\r?\n/g, '\r\n'), charset);
}

/** Compresses a file with gzip. */
export function toGzip(bytes: Buffer): Buffer {
  return gzipSync(bytes);
}

/** Applies a chain of encoders in order. A gzip step adds `.gz` to the name. */
export function encodeFile(file: FixtureFile, chain: readonly Encoder[]): FixtureFile {
  let { name, bytes } = file;
  const { records } = file;
  for (const encoder of chain) {
    switch (encoder) {
      case 'utf-8-bom':
        bytes = toUtf8Bom(bytes);
        break;
      case 'utf-16le':
        bytes = toUtf16le(bytes);
        break;
      case 'utf-16be':
        bytes = toUtf16be(bytes);
        break;
      case 'crlf':
        bytes = toCrlf(bytes);
        break;
      case 'gzip':
        bytes = toGzip(bytes);
        name = `${name}.gz`;
        break;
    }
  }
  return { name, bytes, records };
}
