/**
 * A deliberately naive model of the Sentinel rule "Detect Web Session Cookie" (T1550.004),
 * written from the rule's KQL and the semantics that `--kql-compat` promises. Tests compare
 * the CLI with it. It loops over every pair of sign-ins and shares no code or SQL with the
 * tool, so a defect in one is unlikely to hide in the other.
 *
 * Times are exact integer microseconds since the Unix epoch (bigint). KQL datetimes have
 * 100 ns ticks, and the tool keeps microseconds, so a 7th fractional digit is truncated.
 */

/** One `SigninLogs` record as exported from Log Analytics, with PascalCase keys. */
export type SigninRecord = Record<string, unknown>;

export interface KqlRuleOptions {
  /** Reference time of `ago()`, in microseconds since the epoch. */
  nowMicros: bigint;
  /** `LookbackPeriod`, 24 hours in the rule. */
  lookbackMicros?: bigint;
  /** `ImpossibleTravelWindowMinutes`, 60 in the rule. */
  windowMinutes?: bigint;
}

export interface TravelFinding {
  DetectionType: 'ImpossibleTravel';
  UserPrincipalName: string;
  TimeGenerated: string;
  Country: string;
  PriorCountry: string;
  PriorSignIn: string;
  TimeDiffMinutes: number;
  SourceRow: number;
  PriorSourceRow: number;
}

export interface MfaFinding {
  DetectionType: 'MFABypassCookieReuse';
  UserPrincipalName: string;
  TimeGenerated: string;
  AppDisplayName: string;
  AuthStepResult: string;
  SourceRow: number;
}

export interface KqlRuleResult {
  travel: TravelFinding[];
  mfa: MfaFinding[];
}

/** `SuspiciousSingleFactorApps` in the rule. */
export const SUSPICIOUS_SINGLE_FACTOR_APPS: readonly string[] = [
  'Microsoft 365',
  'Office 365',
  'Azure Portal',
  'Microsoft Teams',
  'SharePoint',
  'OneDrive',
  'Exchange Online',
  'Outlook',
];

/** The phrases that make `IsCookieReuse` true. */
export const COOKIE_REUSE_PHRASES: readonly string[] = ['Previously satisfied', 'Token broker'];

export const MICROS_PER_MINUTE = 60_000_000n;
export const MICROS_PER_HOUR = 60n * MICROS_PER_MINUTE;
const MICROS_PER_SECOND = 1_000_000n;
const MICROS_PER_DAY = 24n * MICROS_PER_HOUR;

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:?\d{2})$/;

/**
 * Parses an ISO 8601 date-time with `Z` or a `±hh:mm` offset into UTC microseconds.
 * Fractional digits beyond the 6th are truncated, not rounded. Throws on any other form.
 */
export function parseIsoMicros(text: string): bigint {
  const match = ISO_8601.exec(text);
  if (match === null) {
    throw new Error(`invalid ISO 8601 date-time: ${JSON.stringify(text)}`);
  }
  const [, year, month, day, hour, minute, second, fraction = '', zone] = match;

  const days = daysFromCivil(Number(year), Number(month), Number(day));
  const secondsOfDay = BigInt(Number(hour) * 3600 + Number(minute) * 60 + Number(second));
  const micros = BigInt(fraction.slice(0, 6).padEnd(6, '0'));
  let total = BigInt(days) * MICROS_PER_DAY + secondsOfDay * MICROS_PER_SECOND + micros;

  // A local time at offset +hh:mm is that much ahead of UTC, so the offset is subtracted.
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone!.startsWith('-') ? -1n : 1n;
    const digits = zone!.slice(1).replace(':', '');
    const offsetMinutes = BigInt(Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    total -= sign * offsetMinutes * MICROS_PER_MINUTE;
  }
  return total;
}

/** Formats UTC microseconds the way the CLI prints times: `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
export function formatIsoMicros(micros: bigint): string {
  const days = floorDivide(micros, MICROS_PER_DAY);
  const microsOfDay = micros - days * MICROS_PER_DAY;
  const { year, month, day } = civilFromDays(Number(days));

  const hour = microsOfDay / MICROS_PER_HOUR;
  const minute = (microsOfDay % MICROS_PER_HOUR) / MICROS_PER_MINUTE;
  const second = (microsOfDay % MICROS_PER_MINUTE) / MICROS_PER_SECOND;
  const fraction = microsOfDay % MICROS_PER_SECOND;

  const pad = (value: bigint | number, width: number) => String(value).padStart(width, '0');
  return (
    `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T` +
    `${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(fraction, 6)}Z`
  );
}

/**
 * Counts the minute boundaries crossed going from `earlier` to `later`, which is what KQL's
 * `datetime_diff('minute', later, earlier)` returns: 10:00:00 to 11:00:59.9 gives 60.
 */
export function minuteBoundariesCrossed(later: bigint, earlier: bigint): bigint {
  return floorDivide(later, MICROS_PER_MINUTE) - floorDivide(earlier, MICROS_PER_MINUTE);
}

/**
 * Tests KQL `has` for one term or phrase: a case-insensitive occurrence of `phrase` in
 * `haystack` whose neighbours on both sides are either the end of the string or a character
 * that is not an ASCII letter or digit. Kusto's terms are runs of ASCII letters and digits, so
 * a non-ASCII neighbour such as "é" is a boundary: "Outlooké" has "Outlook". Every occurrence
 * is tried, not only the first.
 */
export function kqlHas(haystack: string, phrase: string): boolean {
  const text = haystack.toLowerCase();
  const needle = phrase.toLowerCase();
  if (needle.length === 0) return false;

  for (let start = text.indexOf(needle); start !== -1; start = text.indexOf(needle, start + 1)) {
    const end = start + needle.length;
    const boundedBefore = start === 0 || !isAsciiAlphanumeric(text.charCodeAt(start - 1));
    const boundedAfter = end === text.length || !isAsciiAlphanumeric(text.charCodeAt(end));
    if (boundedBefore && boundedAfter) return true;
  }
  return false;
}

/** Tests KQL `has_any`: true when `haystack` has at least one of `phrases`. */
export function kqlHasAny(haystack: string, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => kqlHas(haystack, phrase));
}

/**
 * Converts a value the way KQL `tostring()` does: a missing value or null becomes the empty
 * string, a string stays as it is, and anything else becomes its JSON text.
 */
export function toKqlString(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Reads a dynamic column that may hold either an object or its JSON text, as `parse_json`
 * does. Text that is not valid JSON stays a plain string, so property access on it finds nothing.
 */
function parseDynamic(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Returns `dynamic.key`, or undefined when `dynamic` is not an object that has the key. */
function readProperty(dynamic: unknown, key: string): unknown {
  if (typeof dynamic !== 'object' || dynamic === null || Array.isArray(dynamic)) return undefined;
  return (dynamic as Record<string, unknown>)[key];
}

/** Returns `dynamic[index]`, or undefined when `dynamic` is not an array that long. */
function readElement(dynamic: unknown, index: number): unknown {
  if (!Array.isArray(dynamic)) return undefined;
  return dynamic[index];
}

/** `ResultType == 0`, where the export stores the code as a number or as text. */
function isSuccess(resultType: unknown): boolean {
  return resultType === 0 || resultType === '0';
}

/** One sign-in after the rule's `Signins` step, with its 1-based record number. */
interface RuleSignin {
  sourceRow: number;
  timeGenerated: bigint;
  userPrincipalName: string;
  country: string;
  appDisplayName: string;
  authenticationRequirement: string;
  authStepResult: string;
  isCookieReuse: boolean;
  correlationId: string;
}

/** Applies the rule's `Signins` step: the lookback filter, the success filter and the extends. */
function selectSignins(records: readonly SigninRecord[], nowMicros: bigint, lookbackMicros: bigint): RuleSignin[] {
  const signins: RuleSignin[] = [];
  const oldestExcluded = nowMicros - lookbackMicros;

  records.forEach((record, index) => {
    const timeText = record.TimeGenerated;
    if (typeof timeText !== 'string') return;
    const timeGenerated = parseIsoMicros(timeText);
    if (!(timeGenerated > oldestExcluded)) return;
    if (!isSuccess(record.ResultType)) return;

    const location = parseDynamic(record.LocationDetails);
    const firstStep = readElement(parseDynamic(toKqlString(record.AuthenticationDetails)), 0);
    const authStepResult = toKqlString(readProperty(firstStep, 'authenticationStepResultDetail'));

    signins.push({
      sourceRow: index + 1,
      timeGenerated,
      userPrincipalName: toKqlString(record.UserPrincipalName),
      country: toKqlString(readProperty(location, 'countryOrRegion')),
      appDisplayName: toKqlString(record.AppDisplayName),
      authenticationRequirement: toKqlString(record.AuthenticationRequirement),
      authStepResult,
      isCookieReuse: kqlHasAny(authStepResult, COOKIE_REUSE_PHRASES),
      correlationId: toKqlString(record.CorrelationId),
    });
  });
  return signins;
}

/**
 * Evaluates both detection steps of the rule on `records` and returns every finding. The
 * travel step keeps every qualifying ordered pair, as the rule's inner self-join does.
 */
export function evaluateKqlRule(records: readonly SigninRecord[], options: KqlRuleOptions): KqlRuleResult {
  const lookbackMicros = options.lookbackMicros ?? 24n * MICROS_PER_HOUR;
  const windowMinutes = options.windowMinutes ?? 60n;
  const signins = selectSignins(records, options.nowMicros, lookbackMicros);

  const travel: TravelFinding[] = [];
  for (const current of signins) {
    for (const prior of signins) {
      if (current.userPrincipalName !== prior.userPrincipalName) continue;
      if (current.correlationId === prior.correlationId) continue;
      if (!(current.timeGenerated > prior.timeGenerated)) continue;
      if (current.country === '' || prior.country === '') continue;
      if (current.country === prior.country) continue;

      const minutes = minuteBoundariesCrossed(current.timeGenerated, prior.timeGenerated);
      if (minutes < 0n || minutes > windowMinutes) continue;

      travel.push({
        DetectionType: 'ImpossibleTravel',
        UserPrincipalName: current.userPrincipalName,
        TimeGenerated: formatIsoMicros(current.timeGenerated),
        Country: current.country,
        PriorCountry: prior.country,
        PriorSignIn: formatIsoMicros(prior.timeGenerated),
        TimeDiffMinutes: Number(minutes),
        SourceRow: current.sourceRow,
        PriorSourceRow: prior.sourceRow,
      });
    }
  }

  const mfa: MfaFinding[] = [];
  for (const signin of signins) {
    if (signin.authenticationRequirement !== 'singleFactorAuthentication') continue;
    if (!signin.isCookieReuse) continue;
    if (!kqlHasAny(signin.appDisplayName, SUSPICIOUS_SINGLE_FACTOR_APPS)) continue;

    mfa.push({
      DetectionType: 'MFABypassCookieReuse',
      UserPrincipalName: signin.userPrincipalName,
      TimeGenerated: formatIsoMicros(signin.timeGenerated),
      AppDisplayName: signin.appDisplayName,
      AuthStepResult: signin.authStepResult,
      SourceRow: signin.sourceRow,
    });
  }

  return { travel, mfa };
}

function isAsciiAlphanumeric(code: number): boolean {
  const isDigit = code >= 0x30 && code <= 0x39;
  const isUpper = code >= 0x41 && code <= 0x5a;
  const isLower = code >= 0x61 && code <= 0x7a;
  return isDigit || isUpper || isLower;
}

function floorDivide(dividend: bigint, divisor: bigint): bigint {
  const quotient = dividend / divisor;
  return dividend % divisor !== 0n && dividend < 0n !== divisor < 0n ? quotient - 1n : quotient;
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Inverse of `daysFromCivil`. */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}
