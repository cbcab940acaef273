#!/usr/bin/env node
/**
 * Writes the invented sample tenant under samples/: the same sign-ins as Log Analytics
 * exports of SigninLogs and AADNonInteractiveUserSignInLogs in JSON, CSV and Parquet.
 *
 * The output is deterministic because every value is written out below, and nothing depends
 * on randomness, the clock or the machine's time zone. samples/README.md lists the
 * scenarios and the findings each mode reports; test/samples.test.ts checks them.
 *
 * Usage: node scripts/generate-samples.mjs
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';

const SAMPLES_DIR = new URL('../samples/', import.meta.url);

// Invented values only: example.com users, documentation IP ranges (RFC 5737, RFC 3849),
// documentation AS numbers (RFC 5398) and placeholder GUIDs.
const TENANT_ID = placeholderGuid('d000', 1);

const USERS = {
  alice: { upn: 'alice@example.com', displayName: 'Alice Example', id: placeholderGuid('b000', 1) },
  bob: { upn: 'bob@example.com', displayName: 'Bob Example', id: placeholderGuid('b000', 2) },
  carol: { upn: 'carol@example.com', displayName: 'Carol Example', id: placeholderGuid('b000', 3) },
  dave: { upn: 'dave@example.com', displayName: 'Dave Example', id: placeholderGuid('b000', 4) },
  erin: { upn: 'erin@example.com', displayName: 'Erin Example', id: placeholderGuid('b000', 5) },
  frank: { upn: 'frank@example.com', displayName: 'Frank Example', id: placeholderGuid('b000', 6) },
  grace: { upn: 'grace@example.com', displayName: 'Grace Example', id: placeholderGuid('b000', 7) },
  heidi: { upn: 'heidi@example.com', displayName: 'Heidi Example', id: placeholderGuid('b000', 8) },
  ivan: { upn: 'ivan@example.com', displayName: 'Ivan Example', id: placeholderGuid('b000', 9) },
  judy: { upn: 'judy@example.com', displayName: 'Judy Example', id: placeholderGuid('b000', 10) },
  oscar: { upn: 'oscar@example.com', displayName: 'Oscar Example', id: placeholderGuid('b000', 11) },
  peggy: { upn: 'peggy@example.com', displayName: 'Peggy Example', id: placeholderGuid('b000', 12) },
  nadia: { upn: 'nadia@example.com', displayName: 'Nadia Example', id: placeholderGuid('b000', 13) },
  tara: { upn: 'tara@example.com', displayName: 'Tara Example', id: placeholderGuid('b000', 14) },
  vera: { upn: 'vera@example.com', displayName: 'Vera Example', id: placeholderGuid('b000', 15) },
  breakglass: { upn: 'breakglass@example.com', displayName: 'Break Glass (shared)', id: placeholderGuid('b000', 16) },
  walt: { upn: 'walt@example.com', displayName: 'Walt Example', id: placeholderGuid('b000', 17) },
};

/** Cities with rounded coordinates. `asn` is the documentation AS number used for the place. */
const PLACES = {
  amsterdam: { countryOrRegion: 'NL', state: 'Noord-Holland', city: 'Amsterdam', latitude: 52.37, longitude: 4.9, asn: '64496' },
  austin: { countryOrRegion: 'US', state: 'Texas', city: 'Austin', latitude: 30.27, longitude: -97.74, asn: '64497' },
  berlin: { countryOrRegion: 'DE', state: 'Berlin', city: 'Berlin', latitude: 52.52, longitude: 13.41, asn: '64498' },
  chicago: { countryOrRegion: 'US', state: 'Illinois', city: 'Chicago', latitude: 41.88, longitude: -87.63, asn: '64497' },
  denver: { countryOrRegion: 'US', state: 'Colorado', city: 'Denver', latitude: 39.74, longitude: -104.99, asn: '64497' },
  lagos: { countryOrRegion: 'NG', state: 'Lagos', city: 'Lagos', latitude: 6.52, longitude: 3.38, asn: '64505' },
  london: { countryOrRegion: 'GB', state: 'London', city: 'London', latitude: 51.51, longitude: -0.13, asn: '64499' },
  manchester: { countryOrRegion: 'GB', state: 'Manchester', city: 'Manchester', latitude: 53.48, longitude: -2.24, asn: '64499' },
  moscow: { countryOrRegion: 'RU', state: 'Moscow', city: 'Moscow', latitude: 55.76, longitude: 37.62, asn: '64506' },
  mumbai: { countryOrRegion: 'IN', state: 'Maharashtra', city: 'Mumbai', latitude: 19.08, longitude: 72.88, asn: '64507' },
  newYork: { countryOrRegion: 'US', state: 'New York', city: 'New York', latitude: 40.71, longitude: -74.01, asn: '64497' },
  paris: { countryOrRegion: 'FR', state: 'Ile-de-France', city: 'Paris', latitude: 48.86, longitude: 2.35, asn: '64500' },
  saoPaulo: { countryOrRegion: 'BR', state: 'Sao Paulo', city: 'Sao Paulo', latitude: -23.55, longitude: -46.63, asn: '64508' },
  seattle: { countryOrRegion: 'US', state: 'Washington', city: 'Seattle', latitude: 47.61, longitude: -122.33, asn: '64497' },
  stockholm: { countryOrRegion: 'SE', state: 'Stockholm', city: 'Stockholm', latitude: 59.33, longitude: 18.07, asn: '64501' },
  sydney: { countryOrRegion: 'AU', state: 'New South Wales', city: 'Sydney', latitude: -33.87, longitude: 151.21, asn: '64509' },
  tokyo: { countryOrRegion: 'JP', state: 'Tokyo', city: 'Tokyo', latitude: 35.68, longitude: 139.69, asn: '64510' },
  toronto: { countryOrRegion: 'CA', state: 'Ontario', city: 'Toronto', latitude: 43.65, longitude: -79.38, asn: '64502' },
  vancouver: { countryOrRegion: 'CA', state: 'British Columbia', city: 'Vancouver', latitude: 49.28, longitude: -123.12, asn: '64502' },
  // Sign-ins without a location. Real exports write LocationDetails as `{}` or leave it empty.
  emptyObject: null,
  blank: null,
};

/** Apps. The first five display names contain one of the eight app names the Sentinel rule checks. */
const APPS = {
  exchange: { name: 'Exchange Online', resource: 'Office 365 Exchange Online', id: placeholderGuid('c000', 1) },
  teams: { name: 'Microsoft Teams', resource: 'Microsoft Teams Services', id: placeholderGuid('c000', 2) },
  sharepoint: { name: 'Office 365 SharePoint Online', resource: 'Office 365 SharePoint Online', id: placeholderGuid('c000', 3) },
  oneDrive: { name: 'OneDrive SyncEngine', resource: 'Office 365 SharePoint Online', id: placeholderGuid('c000', 4) },
  azurePortal: { name: 'Azure Portal', resource: 'Windows Azure Service Management API', id: placeholderGuid('c000', 5) },
  hrPortal: { name: 'Example HR Portal', resource: 'Example HR Portal API', id: placeholderGuid('c000', 6) },
};

const DEVICES = {
  windowsEdge: {
    operatingSystem: 'Windows10',
    browser: 'Edge 141.0.3537',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36 Edg/141.0.0.0',
  },
  macSafari: {
    operatingSystem: 'MacOs',
    browser: 'Safari 19.1',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.1 Safari/605.1.15',
  },
  iphone: {
    operatingSystem: 'Ios 19.1',
    browser: 'Mobile Safari 19.1',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 19_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.1 Mobile/15E148 Safari/604.1',
  },
  linuxFirefox: {
    operatingSystem: 'Linux',
    browser: 'Firefox 144.0',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:144.0) Gecko/20100101 Firefox/144.0',
  },
  teamsClient: {
    operatingSystem: 'Windows10',
    browser: 'Rich Client 5.19.0',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Teams/25.1.0 Chrome/141.0.0.0 Safari/537.36',
  },
};

// Authentication profiles. Each returns AuthenticationRequirement, the AuthenticationDetails
// steps and the Status fields beyond errorCode for a sign-in created at `created`.

/** Password, then a push notification approved on the phone. */
function freshMfa(created) {
  return {
    requirement: 'multiFactorAuthentication',
    steps: [
      authStep(created, 'Password', 'Correct password', 'Primary authentication', { methodDetail: 'Password in the cloud' }),
      authStep(created, 'Mobile app notification', 'MFA successfully completed', 'MFA'),
    ],
    conditionalAccessStatus: 'success',
  };
}

/** Single-factor password sign-in, with no session reuse. */
function passwordOnly(created) {
  return {
    requirement: 'singleFactorAuthentication',
    steps: [authStep(created, 'Password', 'Correct password', 'Primary authentication', { methodDetail: 'Password in the cloud' })],
    conditionalAccessStatus: 'notApplied',
  };
}

/** Single-factor sign-in whose first step reports the session reused through a token broker. */
function tokenBrokerReuse(created) {
  return {
    requirement: 'singleFactorAuthentication',
    steps: [authStep(created, 'Previously satisfied', 'First factor requirement satisfied by Token broker', 'Primary authentication')],
    conditionalAccessStatus: 'notApplied',
  };
}

/** Single-factor sign-in whose first factor came from a claim in an existing token. */
function firstFactorClaim(created) {
  return {
    requirement: 'singleFactorAuthentication',
    steps: [authStep(created, 'Previously satisfied', 'First factor requirement satisfied by claim in the token', 'Primary authentication')],
    conditionalAccessStatus: 'notApplied',
  };
}

/** Single-factor sign-in without steps, where only Status names the reused MFA claim. */
function mfaClaimInStatus() {
  return {
    requirement: 'singleFactorAuthentication',
    steps: [],
    additionalDetails: 'MFA requirement satisfied by claim in the token',
    conditionalAccessStatus: 'notApplied',
  };
}

/** Replayed session: MFA required and met by the claim in the stolen session's token. */
function mfaClaimReplay(created) {
  return {
    requirement: 'multiFactorAuthentication',
    steps: [authStep(created, 'Previously satisfied', 'MFA requirement satisfied by claim in the token', 'MFA')],
    conditionalAccessStatus: 'success',
  };
}

/** Non-interactive token refresh: single factor, no steps, nothing in Status. */
function tokenRefresh() {
  return { requirement: 'singleFactorAuthentication', steps: [], conditionalAccessStatus: 'notApplied' };
}

/** Wrong password: ResultType 50126. */
function wrongPassword(created) {
  return {
    requirement: 'singleFactorAuthentication',
    steps: [
      authStep(
        created,
        'Password',
        'Invalid username or password or Invalid on-premise username or password.',
        'Primary authentication',
        { methodDetail: 'Password in the cloud', succeeded: false },
      ),
    ],
    resultType: '50126',
    failureReason: 'Error validating credentials due to invalid username or password.',
    conditionalAccessStatus: 'notApplied',
  };
}

// The sign-ins. Times are UTC with milliseconds, so that the CSV's locale form keeps them
// exactly. `created` is CreatedDateTime (when the sign-in happened) and `generated` is
// TimeGenerated (when Log Analytics ingested it, usually two to three minutes later).
// `table` is SigninLogs (interactive) or NonInteractive (AADNonInteractiveUserSignInLogs).
const SIGN_INS = [
  // alice: DE, then 25 minutes later BR with a single-factor Token broker reuse on
  // Exchange Online. Both modes report the travel and the reuse.
  { user: 'alice', table: 'NonInteractive', created: '2026-11-02T08:50:05.003Z', generated: '2026-11-02T08:53:12.480Z', place: 'berlin', ip: '192.0.2.10', app: 'teams', device: 'teamsClient', auth: tokenRefresh, session: 1 },
  { user: 'alice', table: 'SigninLogs', created: '2026-11-02T09:02:10.118Z', generated: '2026-11-02T09:04:31.552Z', place: 'berlin', ip: '192.0.2.10', app: 'teams', device: 'windowsEdge', auth: freshMfa, session: 1 },
  { user: 'alice', table: 'SigninLogs', created: '2026-11-02T09:20:44.907Z', generated: '2026-11-02T09:23:05.330Z', place: 'berlin', ip: '192.0.2.10', app: 'exchange', device: 'windowsEdge', auth: freshMfa, session: 1 },
  { user: 'alice', table: 'SigninLogs', created: '2026-11-02T09:45:44.907Z', generated: '2026-11-02T09:48:12.004Z', place: 'saoPaulo', ip: '203.0.113.45', app: 'exchange', device: 'linuxFirefox', auth: tokenBrokerReuse, session: 1, risk: 'medium' },

  // bob: benign, all US, fresh MFA. The single-factor reuse on Example HR Portal is not one
  // of the rule's apps.
  { user: 'bob', table: 'SigninLogs', created: '2026-11-02T08:15:03.250Z', generated: '2026-11-02T08:17:40.871Z', place: 'newYork', ip: '198.51.100.20', app: 'teams', device: 'macSafari', auth: freshMfa, session: 2 },
  { user: 'bob', table: 'NonInteractive', created: '2026-11-02T08:45:30.600Z', generated: '2026-11-02T08:48:02.913Z', place: 'newYork', ip: '198.51.100.20', app: 'teams', device: 'macSafari', auth: tokenRefresh, session: 2 },
  { user: 'bob', table: 'SigninLogs', created: '2026-11-02T11:40:19.004Z', generated: '2026-11-02T11:42:55.118Z', place: 'newYork', ip: '198.51.100.20', app: 'exchange', device: 'macSafari', auth: freshMfa, session: 2 },
  { user: 'bob', table: 'NonInteractive', created: '2026-11-02T11:55:00.512Z', generated: '2026-11-02T11:58:10.733Z', place: 'newYork', ip: '2001:db8:20::14', app: 'exchange', device: 'iphone', auth: tokenRefresh, session: 3 },
  { user: 'bob', table: 'SigninLogs', created: '2026-11-02T12:05:47.730Z', generated: '2026-11-02T12:08:20.066Z', place: 'newYork', ip: '198.51.100.20', app: 'hrPortal', device: 'macSafari', auth: firstFactorClaim, session: 2 },
  { user: 'bob', table: 'NonInteractive', created: '2026-11-02T14:10:45.900Z', generated: '2026-11-02T14:13:02.260Z', place: 'newYork', ip: '198.51.100.20', app: 'oneDrive', device: 'macSafari', auth: tokenRefresh, session: 2 },
  // This is the newest TimeGenerated of the tenant, and --kql-compat measures its 24 hours back from it.
  { user: 'bob', table: 'SigninLogs', created: '2026-11-02T16:30:12.345Z', generated: '2026-11-02T16:33:01.777Z', place: 'newYork', ip: '198.51.100.20', app: 'azurePortal', device: 'macSafari', auth: freshMfa, session: 2 },

  // carol: GB only. Two single-factor sign-ins reuse a token claim in ways the rule misses:
  // "Previously satisfied" as the method, and the claim named only in Status.additionalDetails.
  { user: 'carol', table: 'SigninLogs', created: '2026-11-02T08:30:00.100Z', generated: '2026-11-02T08:32:11.450Z', place: 'london', ip: '198.51.100.30', app: 'teams', device: 'windowsEdge', auth: freshMfa, session: 4 },
  // Pretty-printed AuthenticationDetails, as older Log Analytics data stores it, so the CSV cell spans lines.
  { user: 'carol', table: 'SigninLogs', created: '2026-11-02T10:12:33.780Z', generated: '2026-11-02T10:15:02.019Z', place: 'london', ip: '198.51.100.30', app: 'teams', device: 'windowsEdge', auth: firstFactorClaim, session: 4, prettyDetails: true },
  { user: 'carol', table: 'NonInteractive', created: '2026-11-02T10:20:00.000Z', generated: '2026-11-02T10:22:41.875Z', place: 'london', ip: '198.51.100.30', app: 'teams', device: 'teamsClient', auth: tokenRefresh, session: 4 },
  { user: 'carol', table: 'SigninLogs', created: '2026-11-02T13:47:21.606Z', generated: '2026-11-02T13:49:50.002Z', place: 'london', ip: '198.51.100.30', app: 'sharepoint', device: 'windowsEdge', auth: mfaClaimInStatus, session: 4 },
  { user: 'carol', table: 'NonInteractive', created: '2026-11-02T14:05:09.321Z', generated: '2026-11-02T14:07:33.118Z', place: 'london', ip: '198.51.100.30', app: 'sharepoint', device: 'windowsEdge', auth: tokenRefresh, session: 4 },

  // dave: US, then CA two hours later by CreatedDateTime. The US row was ingested two hours
  // late, so the TimeGenerated values are only 30 minutes apart.
  { user: 'dave', table: 'SigninLogs', created: '2026-11-02T12:10:05.500Z', generated: '2026-11-02T14:12:40.000Z', place: 'seattle', ip: '198.51.100.40', app: 'exchange', device: 'windowsEdge', auth: freshMfa, session: 5 },
  { user: 'dave', table: 'SigninLogs', created: '2026-11-02T14:10:05.500Z', generated: '2026-11-02T14:42:58.250Z', place: 'vancouver', ip: '203.0.113.77', app: 'teams', device: 'windowsEdge', auth: freshMfa, session: 6 },

  // erin: US, with two rows that Entra could not place (LocationDetails `{}` and empty).
  { user: 'erin', table: 'SigninLogs', created: '2026-11-02T09:30:15.000Z', generated: '2026-11-02T09:32:40.500Z', place: 'chicago', ip: '198.51.100.50', app: 'teams', device: 'windowsEdge', auth: freshMfa, session: 7 },
  { user: 'erin', table: 'SigninLogs', created: '2026-11-02T09:41:02.125Z', generated: '2026-11-02T09:43:30.660Z', place: 'emptyObject', ip: '2001:db8:5::e', app: 'exchange', device: 'iphone', auth: freshMfa, session: 8 },
  { user: 'erin', table: 'NonInteractive', created: '2026-11-02T09:50:44.250Z', generated: '2026-11-02T09:53:10.010Z', place: 'blank', ip: '2001:db8:5::e', app: 'teams', device: 'iphone', auth: tokenRefresh, session: 8 },
  { user: 'erin', table: 'SigninLogs', created: '2026-11-02T10:05:30.875Z', generated: '2026-11-02T10:08:01.300Z', place: 'chicago', ip: '198.51.100.50', app: 'sharepoint', device: 'windowsEdge', auth: passwordOnly, session: 7 },
  { user: 'erin', table: 'NonInteractive', created: '2026-11-02T11:00:12.640Z', generated: '2026-11-02T11:03:05.008Z', place: 'chicago', ip: '198.51.100.50', app: 'sharepoint', device: 'windowsEdge', auth: tokenRefresh, session: 7 },

  // frank: interactive in FR, then a non-interactive token use from NG 20 minutes later.
  { user: 'frank', table: 'SigninLogs', created: '2026-11-02T10:30:20.200Z', generated: '2026-11-02T10:32:48.640Z', place: 'paris', ip: '192.0.2.60', app: 'teams', device: 'windowsEdge', auth: freshMfa, session: 9 },
  { user: 'frank', table: 'NonInteractive', created: '2026-11-02T10:50:20.200Z', generated: '2026-11-02T10:53:37.815Z', place: 'lagos', ip: '203.0.113.66', app: 'teams', device: 'linuxFirefox', auth: tokenRefresh, session: 9 },
  { user: 'frank', table: 'SigninLogs', created: '2026-11-02T15:05:11.111Z', generated: '2026-11-02T15:07:40.404Z', place: 'paris', ip: '192.0.2.60', app: 'exchange', device: 'windowsEdge', auth: freshMfa, session: 10 },

  // grace: US, and a failed password attempt from RU 12 minutes later.
  { user: 'grace', table: 'SigninLogs', created: '2026-11-02T11:00:00.321Z', generated: '2026-11-02T11:02:30.987Z', place: 'denver', ip: '198.51.100.70', app: 'exchange', device: 'windowsEdge', auth: freshMfa, session: 11 },
  { user: 'grace', table: 'SigninLogs', created: '2026-11-02T11:12:45.654Z', generated: '2026-11-02T11:15:05.111Z', place: 'moscow', ip: '203.0.113.88', app: 'exchange', device: 'linuxFirefox', auth: wrongPassword, session: 12 },
  { user: 'grace', table: 'SigninLogs', created: '2026-11-02T13:30:27.418Z', generated: '2026-11-02T13:32:59.640Z', place: 'denver', ip: '198.51.100.70', app: 'teams', device: 'windowsEdge', auth: freshMfa, session: 11 },

  // heidi: SE under `Heidi@Example.com`, then JP 40 minutes later under `heidi@example.com`,
  // with the same UserId.
  { user: 'heidi', upn: 'Heidi@Example.com', table: 'NonInteractive', created: '2026-11-02T12:00:42.777Z', generated: '2026-11-02T12:03:15.091Z', place: 'stockholm', ip: '192.0.2.80', app: 'teams', device: 'teamsClient', auth: tokenRefresh, session: 13 },
  { user: 'heidi', upn: 'Heidi@Example.com', table: 'SigninLogs', created: '2026-11-02T12:30:10.010Z', generated: '2026-11-02T12:32:40.404Z', place: 'stockholm', ip: '192.0.2.80', app: 'teams', device: 'windowsEdge', auth: freshMfa, session: 13 },
  { user: 'heidi', table: 'SigninLogs', created: '2026-11-02T13:10:10.010Z', generated: '2026-11-02T13:12:59.999Z', place: 'tokyo', ip: '203.0.113.99', app: 'exchange', device: 'windowsEdge', auth: freshMfa, session: 14 },

  // ivan: CA at 10:00:00.000, then IN at 11:00:59.900, with no ingestion lag. That is 60
  // minute boundaries but almost 61 minutes of elapsed time.
  { user: 'ivan', table: 'NonInteractive', created: '2026-11-02T09:40:03.555Z', generated: '2026-11-02T09:42:30.120Z', place: 'toronto', ip: '198.51.100.90', app: 'teams', device: 'teamsClient', auth: tokenRefresh, session: 15 },
  { user: 'ivan', table: 'SigninLogs', created: '2026-11-02T10:00:00.000Z', generated: '2026-11-02T10:00:00.000Z', place: 'toronto', ip: '198.51.100.90', app: 'teams', device: 'windowsEdge', auth: freshMfa, session: 15 },
  { user: 'ivan', table: 'SigninLogs', created: '2026-11-02T11:00:59.900Z', generated: '2026-11-02T11:00:59.900Z', place: 'mumbai', ip: '203.0.113.110', app: 'exchange', device: 'windowsEdge', auth: freshMfa, session: 16 },

  // judy: NL, then AU 15 minutes later, three days before the newest TimeGenerated.
  { user: 'judy', table: 'NonInteractive', created: '2026-10-30T16:00:30.030Z', generated: '2026-10-30T16:03:02.500Z', place: 'amsterdam', ip: '192.0.2.120', app: 'teams', device: 'teamsClient', auth: tokenRefresh, session: 17 },
  { user: 'judy', table: 'SigninLogs', created: '2026-10-30T16:10:00.250Z', generated: '2026-10-30T16:12:30.500Z', place: 'amsterdam', ip: '192.0.2.120', app: 'teams', device: 'windowsEdge', auth: freshMfa, session: 17 },
  { user: 'judy', table: 'SigninLogs', created: '2026-10-30T16:25:00.250Z', generated: '2026-10-30T16:27:45.125Z', place: 'sydney', ip: '203.0.113.120', app: 'exchange', device: 'windowsEdge', auth: freshMfa, session: 18 },

  // oscar and peggy: benign background activity in one country each.
  { user: 'oscar', table: 'SigninLogs', created: '2026-11-02T08:05:55.555Z', generated: '2026-11-02T08:08:20.432Z', place: 'austin', ip: '2001:db8:b::10', app: 'teams', device: 'macSafari', auth: freshMfa, session: 19 },
  { user: 'oscar', table: 'NonInteractive', created: '2026-11-02T08:35:12.901Z', generated: '2026-11-02T08:37:44.016Z', place: 'austin', ip: '2001:db8:b::10', app: 'oneDrive', device: 'macSafari', auth: tokenRefresh, session: 19 },
  { user: 'oscar', table: 'SigninLogs', created: '2026-11-02T15:20:40.040Z', generated: '2026-11-02T15:23:11.808Z', place: 'austin', ip: '2001:db8:b::10', app: 'azurePortal', device: 'macSafari', auth: freshMfa, session: 19 },
  { user: 'peggy', table: 'SigninLogs', created: '2026-11-02T09:10:10.100Z', generated: '2026-11-02T09:12:44.321Z', place: 'manchester', ip: '198.51.100.120', app: 'sharepoint', device: 'windowsEdge', auth: freshMfa, session: 20 },
  { user: 'peggy', table: 'SigninLogs', created: '2026-11-02T12:45:30.303Z', generated: '2026-11-02T12:48:02.727Z', place: 'manchester', ip: '198.51.100.120', app: 'teams', device: 'windowsEdge', auth: freshMfa, session: 20 },
  { user: 'peggy', table: 'NonInteractive', created: '2026-11-02T13:00:00.500Z', generated: '2026-11-02T13:02:29.950Z', place: 'manchester', ip: '198.51.100.120', app: 'teams', device: 'teamsClient', auth: tokenRefresh, session: 20 },

  // nadia: an adversary-in-the-middle kit relays her MFA in London, then replays the session
  // cookie 12 minutes later from a hosting network (AS64504) in London with another browser.
  { user: 'nadia', table: 'SigninLogs', created: '2026-11-02T08:40:00.000Z', generated: '2026-11-02T08:42:30.000Z', place: 'london', ip: '203.0.113.10', app: 'exchange', device: 'windowsEdge', auth: freshMfa, session: 21 },
  { user: 'nadia', table: 'SigninLogs', created: '2026-11-02T08:52:00.000Z', generated: '2026-11-02T08:54:20.000Z', place: 'london', ip: '198.51.100.7', asn: '64504', app: 'exchange', device: 'linuxFirefox', auth: mfaClaimReplay, session: 21 },

  // tara: an interactive sign-in in Paris, then a token refresh an hour later from another
  // provider (AS64503) in France.
  { user: 'tara', table: 'SigninLogs', created: '2026-11-02T09:05:00.000Z', generated: '2026-11-02T09:07:30.000Z', place: 'paris', ip: '192.0.2.81', app: 'teams', device: 'windowsEdge', auth: freshMfa, session: 22 },
  { user: 'tara', table: 'NonInteractive', created: '2026-11-02T10:05:00.000Z', generated: '2026-11-02T10:07:30.000Z', place: 'paris', ip: '192.0.2.82', asn: '64503', app: 'teams', device: 'teamsClient', auth: tokenRefresh, session: 23 },

  // vera: Berlin, then 20 minutes later the corporate VPN exit in Amsterdam (198.51.100.200/29),
  // which samples/hunt-cookies.yaml allow-lists.
  { user: 'vera', table: 'SigninLogs', created: '2026-11-02T11:30:00.000Z', generated: '2026-11-02T11:32:30.000Z', place: 'berlin', ip: '192.0.2.130', app: 'exchange', device: 'windowsEdge', auth: freshMfa, session: 24 },
  { user: 'vera', table: 'SigninLogs', created: '2026-11-02T11:50:00.000Z', generated: '2026-11-02T11:52:30.000Z', place: 'amsterdam', ip: '198.51.100.201', app: 'exchange', device: 'windowsEdge', auth: freshMfa, session: 25 },

  // breakglass: a shared emergency account used from Seattle and London 25 minutes apart,
  // which samples/hunt-cookies.yaml allow-lists.
  { user: 'breakglass', table: 'SigninLogs', created: '2026-11-02T14:20:00.000Z', generated: '2026-11-02T14:22:30.000Z', place: 'seattle', ip: '192.0.2.140', app: 'azurePortal', device: 'windowsEdge', auth: freshMfa, session: 26 },
  { user: 'breakglass', table: 'SigninLogs', created: '2026-11-02T14:45:00.000Z', generated: '2026-11-02T14:47:30.000Z', place: 'london', ip: '203.0.113.140', app: 'azurePortal', device: 'windowsEdge', auth: freshMfa, session: 27 },

  // walt: a real flight, London at 08:00 and Paris at 10:30 (343 km in 150 minutes).
  { user: 'walt', table: 'SigninLogs', created: '2026-11-02T08:00:00.000Z', generated: '2026-11-02T08:02:30.000Z', place: 'london', ip: '192.0.2.150', app: 'teams', device: 'windowsEdge', auth: freshMfa, session: 28 },
  { user: 'walt', table: 'SigninLogs', created: '2026-11-02T10:30:00.000Z', generated: '2026-11-02T10:32:30.000Z', place: 'paris', ip: '192.0.2.151', app: 'exchange', device: 'windowsEdge', auth: freshMfa, session: 29 },
];

const TABLES = {
  SigninLogs: { type: 'SigninLogs', category: 'SignInLogs', interactive: true },
  NonInteractive: { type: 'AADNonInteractiveUserSignInLogs', category: 'NonInteractiveUserSignInLogs', interactive: false },
};

/**
 * Columns in the order Log Analytics exports them. `nested` columns are dynamic (objects) in
 * SigninLogs and JSON text in AADNonInteractiveUserSignInLogs; `time` columns get " [UTC]"
 * and the browser's locale form in CSV exports.
 */
const COLUMNS = [
  { name: 'TenantId' },
  { name: 'SourceSystem' },
  { name: 'TimeGenerated', time: true },
  { name: 'OperationName' },
  { name: 'Category' },
  { name: 'ResultType' },
  { name: 'ResultDescription' },
  { name: 'CorrelationId' },
  { name: 'Location' },
  { name: 'AppDisplayName' },
  { name: 'AppId' },
  { name: 'AuthenticationDetails' },
  { name: 'AuthenticationRequirement' },
  { name: 'ClientAppUsed' },
  { name: 'ConditionalAccessStatus' },
  { name: 'CreatedDateTime', time: true },
  { name: 'DeviceDetail', nested: true },
  { name: 'IsInteractive', boolean: true },
  { name: 'Id' },
  { name: 'IPAddress' },
  { name: 'LocationDetails', nested: true },
  { name: 'OriginalRequestId' },
  { name: 'RiskLevelDuringSignIn' },
  { name: 'ResourceDisplayName' },
  { name: 'Status', nested: true },
  { name: 'TokenIssuerType' },
  { name: 'UserAgent' },
  { name: 'UserDisplayName' },
  { name: 'UserId' },
  { name: 'UserPrincipalName' },
  { name: 'AutonomousSystemNumber' },
  { name: 'UniqueTokenIdentifier' },
  { name: 'SessionId' },
  { name: 'Type' },
];

/** DuckDB types of the Parquet files. Nested columns become STRUCTs; AuthenticationDetails stays text. */
const PARQUET_TYPES = {
  TimeGenerated: 'TIMESTAMPTZ',
  CreatedDateTime: 'TIMESTAMPTZ',
  IsInteractive: 'BOOLEAN',
  DeviceDetail: 'STRUCT(operatingSystem VARCHAR, browser VARCHAR)',
  LocationDetails:
    'STRUCT(city VARCHAR, state VARCHAR, countryOrRegion VARCHAR, geoCoordinates STRUCT(latitude DOUBLE, longitude DOUBLE))',
  Status: 'STRUCT(errorCode INTEGER, failureReason VARCHAR, additionalDetails VARCHAR)',
};

await main();

async function main() {
  const records = SIGN_INS.map(toRecord).sort((a, b) => a.TimeGenerated.localeCompare(b.TimeGenerated));
  const byTable = {
    SigninLogs: records.filter((record) => record.Type === TABLES.SigninLogs.type),
    NonInteractive: records.filter((record) => record.Type === TABLES.NonInteractive.type),
  };

  for (const folder of ['json', 'csv', 'parquet']) {
    await mkdir(new URL(`${folder}/`, SAMPLES_DIR), { recursive: true });
  }

  await writeFile(new URL('json/SigninLogs.json', SAMPLES_DIR), renderJsonArray(byTable.SigninLogs));
  await writeFile(new URL('json/AADNonInteractiveUserSignInLogs.ndjson', SAMPLES_DIR), renderNdjson(byTable.NonInteractive));
  await writeFile(new URL('csv/SigninLogs.csv', SAMPLES_DIR), renderCsv(byTable.SigninLogs, { unionSuffixes: true }));
  await writeFile(
    new URL('csv/AADNonInteractiveUserSignInLogs.csv', SAMPLES_DIR),
    renderCsv(byTable.NonInteractive, { unionSuffixes: false }),
  );
  await writeParquetFiles([
    [new URL('parquet/SigninLogs.parquet', SAMPLES_DIR), byTable.SigninLogs],
    [new URL('parquet/AADNonInteractiveUserSignInLogs.parquet', SAMPLES_DIR), byTable.NonInteractive],
  ]);

  console.log(
    `Wrote ${records.length} sign-ins (${byTable.SigninLogs.length} interactive, ` +
      `${byTable.NonInteractive.length} non-interactive) in JSON, CSV and Parquet to ${fileURLToPath(SAMPLES_DIR)}`,
  );
}

/**
 * Builds one sign-in as a record keyed by Log Analytics column name. Nested columns hold
 * objects here (null where the export leaves the cell empty); each renderer serialises them
 * the way its format does. Ids and correlation ids count up in the order of SIGN_INS.
 */
function toRecord(signIn, index) {
  const user = USERS[signIn.user];
  const app = APPS[signIn.app];
  const device = DEVICES[signIn.device];
  const table = TABLES[signIn.table];
  const place = PLACES[signIn.place];
  const auth = signIn.auth(signIn.created);
  const requestId = placeholderGuid('8000', index + 1);

  const status = { errorCode: Number(auth.resultType ?? '0') };
  if (auth.failureReason !== undefined) status.failureReason = auth.failureReason;
  if (auth.additionalDetails !== undefined) status.additionalDetails = auth.additionalDetails;

  return {
    TenantId: TENANT_ID,
    SourceSystem: 'Azure AD',
    TimeGenerated: signIn.generated,
    OperationName: 'Sign-in activity',
    Category: table.category,
    ResultType: auth.resultType ?? '0',
    ResultDescription: auth.failureReason ?? '',
    CorrelationId: placeholderGuid('9000', index + 1),
    Location: place?.countryOrRegion ?? '',
    AppDisplayName: app.name,
    AppId: app.id,
    AuthenticationDetails: JSON.stringify(auth.steps, null, signIn.prettyDetails ? 2 : undefined).replaceAll('\n', '\r\n'),
    AuthenticationRequirement: auth.requirement,
    ClientAppUsed: signIn.device === 'teamsClient' ? 'Mobile Apps and Desktop clients' : 'Browser',
    ConditionalAccessStatus: auth.conditionalAccessStatus,
    CreatedDateTime: signIn.created,
    DeviceDetail: { operatingSystem: device.operatingSystem, browser: device.browser },
    IsInteractive: table.interactive,
    Id: requestId,
    IPAddress: signIn.ip,
    LocationDetails: toLocationDetails(signIn.place),
    OriginalRequestId: requestId,
    RiskLevelDuringSignIn: signIn.risk ?? 'none',
    ResourceDisplayName: app.resource,
    Status: status,
    TokenIssuerType: 'AzureAD',
    UserAgent: device.userAgent,
    UserDisplayName: user.displayName,
    UserId: user.id,
    UserPrincipalName: signIn.upn ?? user.upn,
    AutonomousSystemNumber: signIn.asn ?? place?.asn ?? '64511',
    UniqueTokenIdentifier: `c2FtcGxlLXRva2VuLQ${String(index + 1).padStart(4, '0')}`,
    SessionId: placeholderGuid('a000', signIn.session),
    Type: table.type,
  };
}

function toLocationDetails(placeName) {
  if (placeName === 'emptyObject') return {};
  if (placeName === 'blank') return null;
  const { city, state, countryOrRegion, latitude, longitude } = PLACES[placeName];
  return { city, state, countryOrRegion, geoCoordinates: { latitude, longitude } };
}

/** Builds one AuthenticationDetails element, with the keys and 7-digit `+00:00` times Log Analytics stores. */
function authStep(created, method, resultDetail, requirement, { methodDetail, succeeded = true } = {}) {
  const step = { authenticationStepDateTime: created.replace(/\.(\d{3})Z$/, '.$10000+00:00'), authenticationMethod: method };
  if (methodDetail !== undefined) step.authenticationMethodDetail = methodDetail;
  return {
    ...step,
    succeeded,
    authenticationStepResultDetail: resultDetail,
    authenticationStepRequirement: requirement,
    StatusSequence: 0,
    RequestSequence: 1,
  };
}

function placeholderGuid(group, number) {
  return `00000000-0000-4000-${group}-${number.toString(16).padStart(12, '0')}`;
}

/**
 * Renders SigninLogs as a Log Analytics query returns them: a JSON array with dynamic columns
 * as objects, AuthenticationDetails as text, and times as ISO 8601 with milliseconds and `Z`.
 */
function renderJsonArray(records) {
  const rows = records.map((record) => {
    const row = {};
    for (const column of COLUMNS) row[column.name] = record[column.name];
    return row;
  });
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/**
 * Renders NDJSON as AADNonInteractiveUserSignInLogs stores its columns: every nested column
 * as JSON text (an unplaced location as ""), and times with seven fractional digits.
 */
function renderNdjson(records) {
  const lines = records.map((record) => {
    const row = {};
    for (const column of COLUMNS) {
      const value = record[column.name];
      if (column.nested) row[column.name] = value === null ? '' : JSON.stringify(value);
      else if (column.time) row[column.name] = value.replace(/Z$/, '0000Z');
      else row[column.name] = value;
    }
    return JSON.stringify(row);
  });
  return `${lines.join('\n')}\n`;
}

/**
 * Renders a CSV as the Log Analytics UI exports it: UTF-8 with a byte order mark, CRLF line
 * ends, RFC 4180 quoting, " [UTC]" time headers with US locale values, TRUE/FALSE, and nested
 * values as compact JSON. With `unionSuffixes`, each nested column is written as the
 * `_dynamic` / `_string` pair that a union with the non-interactive table produces, with the
 * value in `_dynamic` because SigninLogs types these columns dynamic.
 */
function renderCsv(records, { unionSuffixes }) {
  const header = [];
  for (const column of COLUMNS) {
    if (column.time) header.push(`${column.name} [UTC]`);
    else if (column.nested && unionSuffixes) header.push(`${column.name}_dynamic`, `${column.name}_string`);
    else header.push(column.name);
  }

  const lines = [header.map(quoteCsvField).join(',')];
  for (const record of records) {
    const cells = [];
    for (const column of COLUMNS) {
      const value = record[column.name];
      if (column.time) cells.push(formatUiTime(value));
      else if (column.boolean) cells.push(value ? 'TRUE' : 'FALSE');
      else if (column.nested) {
        cells.push(value === null ? '' : JSON.stringify(value));
        if (unionSuffixes) cells.push('');
      } else cells.push(value);
    }
    lines.push(cells.map(quoteCsvField).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Quotes a CSV field only when it contains a comma, a quote or a line break (RFC 4180). */
function quoteCsvField(value) {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Formats an ISO 8601 UTC time as the Log Analytics UI does in en-US: `11/2/2026, 9:05:12.345 AM`. */
function formatUiTime(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z$/.exec(iso);
  if (match === null) throw new Error(`expected an ISO 8601 UTC time with milliseconds, got ${iso}`);
  const [, year, month, day, hour, minute, second, millis] = match;
  const hour24 = Number(hour);
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  const meridiem = hour24 < 12 ? 'AM' : 'PM';
  return `${Number(month)}/${Number(day)}/${year}, ${hour12}:${minute}:${second}.${millis} ${meridiem}`;
}

/**
 * Writes each record list as a Parquet file with explicit column types. The records pass
 * to DuckDB as one JSON parameter and are typed by from_json, so no temporary file is needed.
 */
async function writeParquetFiles(outputs) {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    for (const [url, records] of outputs) {
      await writeParquet(connection, fileURLToPath(url), records);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function writeParquet(connection, outputPath, records) {
  const typeOf = (name) => PARQUET_TYPES[name] ?? 'VARCHAR';
  // from_json reads times and booleans as text here; the SELECT casts each column to its type.
  const jsonShape = Object.fromEntries(COLUMNS.map((column) => [column.name, column.nested ? toJsonShape(typeOf(column.name)) : 'VARCHAR']));
  const selectList = COLUMNS.map((column) => {
    const field = `record.${quoteIdentifier(column.name)}`;
    const expression = column.nested ? field : `CAST(${field} AS ${typeOf(column.name)})`;
    return `${expression} AS ${quoteIdentifier(column.name)}`;
  });

  await connection.run(
    `CREATE OR REPLACE TEMP TABLE sample_rows AS
     SELECT ${selectList.join(', ')}
     FROM (SELECT unnest(from_json($records::JSON, $shape)) AS record)`,
    { records: JSON.stringify(records), shape: JSON.stringify([jsonShape]) },
  );
  await connection.run(`COPY sample_rows TO '${outputPath.replaceAll("'", "''")}' (FORMAT parquet)`);
}

/** Turns a STRUCT type of PARQUET_TYPES into the JSON structure that from_json expects. */
function toJsonShape(type) {
  const inner = /^STRUCT\((.*)\)$/.exec(type);
  if (inner === null) return type;
  const shape = {};
  for (const field of splitTopLevel(inner[1])) {
    const [, name, fieldType] = /^(\w+) (.+)$/.exec(field.trim());
    shape[name] = toJsonShape(fieldType);
  }
  return shape;
}

function splitTopLevel(text) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] === '(') depth += 1;
    else if (text[index] === ')') depth -= 1;
    else if (text[index] === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function quoteIdentifier(name) {
  return `"${name.replaceAll('"', '""')}"`;
}
