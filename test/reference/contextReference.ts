// An independent, naive implementation of the default mode's velocity, session-replay,
// claim-from-new-context and token-new-context detections, written from their descriptions
// in the README, for the property test. It compares every sign-in with every other one, in
// plain TypeScript, with no window functions.

export interface RefSignIn {
  user: string;
  /** Microseconds since the epoch; unique within a tenant, so that order is never a tie. */
  time: number;
  country: string;
  latitude: number;
  longitude: number;
  ip: string;
  asn: number;
  session: string;
  os: string | null;
  browser: string | null;
  freshMfa: boolean;
  claim: boolean;
  interactive: boolean;
}

export interface RefFinding {
  detectionType: string;
  user: string;
  time: number;
  severity: 'medium' | 'high';
}

const HOUR = 3_600_000_000;

export interface RefThresholds {
  maxSpeedKmh: number;
  minDistanceKm: number;
  velocityWindowMinutes: number;
  contextWindowMinutes: number;
}

export function referenceFindings(signIns: readonly RefSignIn[], thresholds: RefThresholds): RefFinding[] {
  return [
    ...velocity(signIns, thresholds),
    ...sessionReplay(signIns),
    ...claimFromNewContext(signIns),
    ...tokenNewContext(signIns, thresholds),
  ];
}

/** Great-circle distance on a sphere of radius 6,371 km. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const a =
    Math.sin(toRadians(lat2 - lat1) / 2) ** 2 +
    Math.cos(toRadians(lat1)) * Math.cos(toRadians(lat2)) * Math.sin(toRadians(lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

function validCoordinates(signIn: RefSignIn): boolean {
  const { latitude, longitude } = signIn;
  return latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180 && !(latitude === 0 && longitude === 0);
}

function byUser(signIns: readonly RefSignIn[]): Map<string, RefSignIn[]> {
  const users = new Map<string, RefSignIn[]>();
  for (const signIn of signIns) users.set(signIn.user, [...(users.get(signIn.user) ?? []), signIn]);
  for (const list of users.values()) list.sort((a, b) => a.time - b.time);
  return users;
}

function velocity(signIns: readonly RefSignIn[], thresholds: RefThresholds): RefFinding[] {
  const findings: RefFinding[] = [];
  for (const list of byUser(signIns).values()) {
    const located = list.filter(validCoordinates);
    for (let index = 1; index < located.length; index += 1) {
      const [prior, later] = [located[index - 1]!, located[index]!];
      const distance = haversineKm(prior.latitude, prior.longitude, later.latitude, later.longitude);
      const hours = (later.time - prior.time) / HOUR;
      if (distance < thresholds.minDistanceKm || hours * 60 > thresholds.velocityWindowMinutes) continue;
      if (hours === 0 || distance / hours > thresholds.maxSpeedKmh) {
        findings.push({ detectionType: 'Velocity', user: later.user, time: later.time, severity: 'high' });
      }
    }
  }
  return findings;
}

function sessionReplay(signIns: readonly RefSignIn[]): RefFinding[] {
  const sessions = new Map<string, RefSignIn[]>();
  for (const signIn of signIns) {
    if (signIn.session === '') continue;
    const key = `${signIn.user}\n${signIn.session}`;
    sessions.set(key, [...(sessions.get(key) ?? []), signIn]);
  }
  const findings: RefFinding[] = [];
  for (const list of sessions.values()) {
    list.sort((a, b) => a.time - b.time);
    const first = list[0]!;
    const firstOs = list.find((signIn) => signIn.os !== null)?.os ?? null;
    const firstBrowser = list.find((signIn) => signIn.browser !== null)?.browser ?? null;
    for (const signIn of list) {
      const country = signIn.country !== first.country;
      const asn = signIn.asn !== first.asn;
      const device =
        (signIn.os !== null && firstOs !== null && signIn.os !== firstOs) ||
        (signIn.browser !== null && firstBrowser !== null && signIn.browser !== firstBrowser);
      if (!country && !asn && !device) continue;
      const severity = country || (asn && device) ? 'high' : 'medium';
      findings.push({ detectionType: 'SessionReplay', user: signIn.user, time: signIn.time, severity });
    }
  }
  return findings;
}

function claimFromNewContext(signIns: readonly RefSignIn[]): RefFinding[] {
  const findings: RefFinding[] = [];
  for (const list of byUser(signIns).values()) {
    const mfa = list.filter((signIn) => signIn.freshMfa);
    if (mfa.length === 0) continue;
    for (const signIn of list) {
      if (!signIn.claim) continue;
      if (mfa.some((other) => other.ip === signIn.ip) || mfa.some((other) => other.asn === signIn.asn)) continue;
      const severity = mfa.some((other) => other.country === signIn.country) ? 'medium' : 'high';
      findings.push({ detectionType: 'ClaimFromNewContext', user: signIn.user, time: signIn.time, severity });
    }
  }
  return findings;
}

function tokenNewContext(signIns: readonly RefSignIn[], thresholds: RefThresholds): RefFinding[] {
  const window = thresholds.contextWindowMinutes * 60_000_000;
  const findings: RefFinding[] = [];
  for (const list of byUser(signIns).values()) {
    for (const signIn of list) {
      if (signIn.interactive) continue;
      const near = list.filter((other) => other.interactive && Math.abs(other.time - signIn.time) <= window);
      if (near.length === 0) continue;
      const countryNew = !near.some((other) => other.country === signIn.country);
      const asnNew = !near.some((other) => other.asn === signIn.asn);
      if (!countryNew && !asnNew) continue;
      findings.push({ detectionType: 'TokenNewContext', user: signIn.user, time: signIn.time, severity: countryNew ? 'high' : 'medium' });
    }
  }
  return findings;
}
