// Builders for the detection scenarios: Log Analytics SigninLogs and
// AADNonInteractiveUserSignInLogs records with invented values (example.test users,
// documentation IP ranges and AS numbers, rounded city coordinates).
import type { SignInRecord } from './fixtures.js';

export interface Place {
  country: string;
  city: string;
  latitude: number;
  longitude: number;
}

export const PLACES = {
  amsterdam: { country: 'NL', city: 'Amsterdam', latitude: 52.37, longitude: 4.9 },
  berlin: { country: 'DE', city: 'Berlin', latitude: 52.52, longitude: 13.41 },
  kehl: { country: 'DE', city: 'Kehl', latitude: 48.57, longitude: 7.82 },
  lagos: { country: 'NG', city: 'Lagos', latitude: 6.52, longitude: 3.38 },
  london: { country: 'GB', city: 'London', latitude: 51.51, longitude: -0.13 },
  losAngeles: { country: 'US', city: 'Los Angeles', latitude: 34.05, longitude: -118.24 },
  munich: { country: 'DE', city: 'Munich', latitude: 48.14, longitude: 11.58 },
  newYork: { country: 'US', city: 'New York', latitude: 40.71, longitude: -74.01 },
  paris: { country: 'FR', city: 'Paris', latitude: 48.86, longitude: 2.35 },
  saoPaulo: { country: 'BR', city: 'Sao Paulo', latitude: -23.55, longitude: -46.63 },
  seattle: { country: 'US', city: 'Seattle', latitude: 47.61, longitude: -122.33 },
  strasbourg: { country: 'FR', city: 'Strasbourg', latitude: 48.58, longitude: 7.75 },
  vienna: { country: 'AT', city: 'Vienna', latitude: 48.21, longitude: 16.37 },
} satisfies Record<string, Place>;

export const DEVICES = {
  windowsEdge: {
    operatingSystem: 'Windows10',
    browser: 'Edge 141.0.3537',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36 Edg/141.0.0.0',
  },
  linuxChrome: {
    operatingSystem: 'Linux',
    browser: 'Chrome 141.0.0',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36',
  },
  outlookDesktop: { operatingSystem: 'Windows10', browser: 'Rich Client 16.0.19127', userAgent: 'Microsoft Office/16.0' },
};

/** How the sign-in authenticated. */
export type AuthKind = 'fresh-mfa' | 'claim' | 'single-factor-claim';

export interface SignInSpec {
  user: string;
  time: string;
  place: Place;
  ip: string;
  asn: number;
  auth?: AuthKind;
  session?: string;
  device?: keyof typeof DEVICES;
  interactive?: boolean;
  app?: string;
}

let counter = 0;

/** Builds one successful sign-in record from a scenario step. */
export function scenarioSignIn(spec: SignInSpec): SignInRecord {
  counter += 1;
  const id = `00000000-0000-4000-9000-${String(counter).padStart(12, '0')}`;
  const device = DEVICES[spec.device ?? 'windowsEdge'];
  const interactive = spec.interactive ?? true;
  const auth = spec.auth ?? 'fresh-mfa';
  return {
    TimeGenerated: spec.time,
    CreatedDateTime: spec.time,
    Id: id,
    CorrelationId: `c${id.slice(1)}`,
    UserPrincipalName: spec.user,
    UserId: `id-${spec.user}`,
    IPAddress: spec.ip,
    AutonomousSystemNumber: spec.asn,
    Location: spec.place.country,
    LocationDetails: {
      countryOrRegion: spec.place.country,
      city: spec.place.city,
      geoCoordinates: { latitude: spec.place.latitude, longitude: spec.place.longitude },
    },
    DeviceDetail: { operatingSystem: device.operatingSystem, browser: device.browser },
    UserAgent: device.userAgent,
    AppDisplayName: spec.app ?? 'Office 365 Exchange Online',
    AppId: '00000002-0000-0ff1-ce00-000000000000',
    AuthenticationRequirement: auth === 'single-factor-claim' ? 'singleFactorAuthentication' : 'multiFactorAuthentication',
    AuthenticationDetails: JSON.stringify(authenticationSteps(auth, spec.time)),
    ResultType: '0',
    Status: { errorCode: 0 },
    IsInteractive: interactive,
    SessionId: spec.session ?? '',
    Type: interactive ? 'SigninLogs' : 'AADNonInteractiveUserSignInLogs',
  };
}

function authenticationSteps(auth: AuthKind, time: string) {
  if (auth === 'fresh-mfa') {
    return [
      { authenticationStepDateTime: time, authenticationMethod: 'Password', succeeded: true, authenticationStepResultDetail: 'Correct password' },
      { authenticationStepDateTime: time, authenticationMethod: 'Mobile app notification', succeeded: true, authenticationStepResultDetail: 'MFA successfully completed' },
    ];
  }
  return [
    {
      authenticationStepDateTime: time,
      authenticationMethod: 'Previously satisfied',
      succeeded: true,
      authenticationStepResultDetail: auth === 'claim' ? 'MFA requirement satisfied by claim in the token' : 'First factor requirement satisfied by claim in the token',
    },
  ];
}
