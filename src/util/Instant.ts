const MICROS_PER_SECOND = 1_000_000n;

/**
 * A UTC instant with microsecond precision, stored as microseconds since the Unix epoch.
 * JS `Date` keeps only milliseconds, and Entra timestamps carry up to 7 fractional digits,
 * so instants never pass through `Date` except for their whole-second part.
 */
export class Instant {
  constructor(readonly micros: bigint) {}

  /** Formats as ISO 8601 UTC with six fractional digits, such as `2026-02-01T13:59:44.391913Z`. */
  toISOString(): string {
    let seconds = this.micros / MICROS_PER_SECOND;
    let fraction = this.micros % MICROS_PER_SECOND;
    // BigInt division truncates toward zero; instants before 1970 need the floor instead.
    if (fraction < 0n) {
      seconds -= 1n;
      fraction += MICROS_PER_SECOND;
    }
    const wholeSeconds = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
    return `${wholeSeconds}.${fraction.toString().padStart(6, '0')}Z`;
  }

  toJSON(): string {
    return this.toISOString();
  }
}
