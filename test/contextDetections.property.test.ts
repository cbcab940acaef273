// Property test: on random small tenants, the default mode's velocity, session-replay,
// claim-from-new-context and token-new-context detections report exactly what an independent,
// naive TypeScript implementation of their descriptions reports.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { makeTempFolder, writeNdjson } from './helpers/fixtures.js';
import { runCliJson } from './helpers/runCli.js';
import { DEVICES, PLACES, scenarioSignIn, type AuthKind, type Place } from './helpers/scenarioFixtures.js';
import { referenceFindings, type RefSignIn } from './reference/contextReference.js';

/** Each CLI run takes about 0.5 s on a 2-core machine. */
const RUNS = 40;

/** A fixed seed reproduces a failure: `FC_SEED=123 npx vitest run test/contextDetections.property.test.ts`. */
const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);

const START = Date.parse('2026-03-10T00:00:00Z');

// Places far apart and close together, plus two whose coordinates must be ignored.
const TEST_PLACES: Place[] = [
  PLACES.london,
  PLACES.paris,
  PLACES.berlin,
  PLACES.amsterdam,
  PLACES.newYork,
  PLACES.lagos,
  { country: 'GH', city: 'Placeholder', latitude: 0, longitude: 0 },
  { country: 'NO', city: 'Out of range', latitude: 95, longitude: 10 },
];

/** Operating system and browser family of each device preset, as the README defines them. */
const DEVICE_FAMILIES: Record<keyof typeof DEVICES, { os: string; browser: string | null }> = {
  windowsEdge: { os: 'windows', browser: 'edge' },
  linuxChrome: { os: 'linux', browser: 'chrome' },
  outlookDesktop: { os: 'windows', browser: null },
};

interface Step {
  user: number;
  gapMinutes: number;
  place: number;
  ip: number;
  asn: number;
  session: number;
  device: keyof typeof DEVICES;
  auth: AuthKind;
  interactive: boolean;
}

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  user: fc.integer({ min: 0, max: 2 }),
  gapMinutes: fc.integer({ min: 1, max: 900 }),
  place: fc.integer({ min: 0, max: TEST_PLACES.length - 1 }),
  ip: fc.integer({ min: 1, max: 4 }),
  asn: fc.integer({ min: 64500, max: 64503 }),
  session: fc.integer({ min: 0, max: 2 }),
  device: fc.constantFrom<keyof typeof DEVICES>('windowsEdge', 'linuxChrome', 'outlookDesktop'),
  auth: fc.constantFrom<AuthKind>('fresh-mfa', 'claim', 'single-factor-claim'),
  interactive: fc.boolean(),
});

/** Turns steps into sign-ins at strictly increasing times, so that no two share an instant. */
function toSignIns(steps: readonly Step[]): RefSignIn[] {
  let minutes = 0;
  return steps.map((step) => {
    minutes += step.gapMinutes;
    const place = TEST_PLACES[step.place]!;
    const family = DEVICE_FAMILIES[step.device];
    return {
      user: `user${step.user}@example.test`,
      time: (START + minutes * 60_000) * 1000,
      country: place.country,
      latitude: place.latitude,
      longitude: place.longitude,
      ip: `192.0.2.${step.ip}`,
      asn: step.asn,
      session: step.session === 0 ? '' : `session-${step.session}`,
      os: family.os,
      browser: family.browser,
      freshMfa: step.auth === 'fresh-mfa',
      claim: step.auth !== 'fresh-mfa',
      interactive: step.interactive,
    };
  });
}

function isoMicros(micros: number): string {
  return `${new Date(micros / 1000).toISOString().slice(0, 19)}.${String(micros % 1_000_000).padStart(6, '0')}Z`;
}

describe('context detections against a naive reference', () => {
  it(`agree on ${RUNS} random tenants (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 2, maxLength: 14 }), async (steps) => {
        const signIns = toSignIns(steps);
        const folder = await makeTempFolder();
        const records = steps.map((step, index) =>
          scenarioSignIn({
            user: signIns[index]!.user,
            time: new Date(signIns[index]!.time / 1000).toISOString(),
            place: TEST_PLACES[step.place]!,
            ip: signIns[index]!.ip,
            asn: step.asn,
            session: signIns[index]!.session,
            device: step.device,
            auth: step.auth,
            interactive: step.interactive,
          }),
        );
        const input = await writeNdjson(folder, 'tenant.ndjson', records);

        const { json } = await runCliJson(['--only', 'velocity,session-replay,claim-from-new-context,token-new-context', input]);
        const actual = json.findings.map((finding) => `${finding.DetectionType} ${finding.UserPrincipalName} ${finding.EventTime} ${finding.Severity}`).sort();
        const expected = referenceFindings(signIns, { maxSpeedKmh: 1000, minDistanceKm: 100, velocityWindowMinutes: 1440, contextWindowMinutes: 1440 })
          .map((finding) => `${finding.detectionType} ${finding.user} ${isoMicros(finding.time)} ${finding.severity}`)
          .sort();
        expect(actual).toEqual(expected);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 10 * 60_000);
});

