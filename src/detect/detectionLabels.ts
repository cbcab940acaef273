/** Short labels for tables and incident summaries; JSON, CSV and Arrow keep the DetectionType values. */
export const DETECTION_LABELS: Record<string, string> = {
  ImpossibleTravel: 'Impossible travel',
  MFABypassCookieReuse: 'Cookie reuse',
  Velocity: 'Velocity',
  SessionReplay: 'Session replay',
  ClaimFromNewContext: 'Claim from new context',
  TokenNewContext: 'Token from new context',
};

/** Returns the short label of a detection type, or the type itself when it has none. */
export function detectionLabel(detectionType: string): string {
  return DETECTION_LABELS[detectionType] ?? detectionType;
}
