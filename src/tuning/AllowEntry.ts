import { BlockList, isIP } from 'node:net';

import { UsageError } from '../errors.js';

export const ALLOW_KINDS = ['ip', 'asn', 'country', 'user', 'app'] as const;
export type AllowKind = (typeof ALLOW_KINDS)[number];

/** One allow-list entry, normalised for matching, with where it came from. */
export interface AllowEntry {
  kind: AllowKind;
  /** Canonical value: a CIDR range, an ASN number, an upper-case country code, or lower-case text. */
  value: string;
  /** The value as written, for `SuppressedBy`. */
  display: string;
  /** The flag or config file that gave the entry. */
  source: string;
  /** The consultant's note, such as "corporate VPN". */
  note?: string;
}

/** Text that names the entry in `SuppressedBy`, such as `ip 198.51.100.0/24 (corporate VPN)`. */
export function describeEntry(entry: AllowEntry): string {
  return `${entry.kind} ${entry.display} (${entry.note ?? entry.source})`;
}

/** Region names for checking country codes; Node's ICU data names every ISO 3166-1 code. */
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/** Codes that name no single country: groupings and the user-assigned ranges. */
const NOT_COUNTRIES = /^(EU|EZ|UN|AA|ZZ|Q[M-Z]|X[A-JL-Z])$/;

function isCountryCode(code: string): boolean {
  if (NOT_COUNTRIES.test(code)) return false;
  const name = REGION_NAMES.of(code);
  return name !== undefined && name !== code && name !== 'Unknown Region';
}

/**
 * Checks and normalises one allow-list value. `where` names the flag or config key for the
 * error message.
 */
export function parseAllowEntry(kind: AllowKind, raw: string, where: string, source: string, note?: string): AllowEntry {
  const text = raw.trim();
  const entry = (value: string): AllowEntry => ({ kind, value, display: text, source, ...(note === undefined ? {} : { note }) });
  if (text === '') throw new UsageError(`${where}: empty ${kind === 'ip' ? 'IP address' : kind} value. Give a value or leave the option out.`);
  switch (kind) {
    case 'ip':
      return entry(parseRange(text, where));
    case 'asn': {
      const match = /^(?:AS)?(\d{1,10})$/i.exec(text);
      if (!match || Number(match[1]) < 1 || Number(match[1]) > 4_294_967_295) {
        throw new UsageError(`${where}: invalid ASN "${raw}". Write a number from 1 to 4294967295, such as 64500 or AS64500.`);
      }
      return entry(String(Number(match[1])));
    }
    case 'country': {
      const code = text.toUpperCase();
      if (code === 'UK') throw new UsageError(`${where}: invalid country "${raw}". Entra writes the United Kingdom as GB.`);
      if (!/^[A-Z]{2}$/.test(code) || !isCountryCode(code)) {
        throw new UsageError(`${where}: invalid country "${raw}". Write a two-letter ISO 3166-1 code, such as NL or GB.`);
      }
      return entry(code);
    }
    case 'user':
    case 'app':
      return entry(text.toLowerCase());
  }
}

/** Parses an address or CIDR range into `address/prefix` text; a lone address becomes a /32 or /128. */
function parseRange(text: string, where: string): string {
  const [address = '', prefixText, ...rest] = text.split('/');
  const family = isIP(address);
  const maxPrefix = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (family === 0 || rest.length > 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix || prefixText === '') {
    throw new UsageError(
      `${where}: invalid IP address or CIDR range "${text}". Write an IPv4 or IPv6 address, optionally with a prefix length, such as 198.51.100.0/24 or 2001:db8::/32.`,
    );
  }
  return `${address.toLowerCase()}/${prefix}`;
}

/** Matches addresses against the IP entries, IPv4 and IPv6, including IPv4-mapped IPv6 addresses. */
export class IpMatcher {
  private readonly ranges: { entry: AllowEntry; list: BlockList }[];

  constructor(entries: readonly AllowEntry[]) {
    this.ranges = entries
      .filter((entry) => entry.kind === 'ip')
      .map((entry) => {
        const [address = '', prefix = ''] = entry.value.split('/');
        const list = new BlockList();
        list.addSubnet(address, Number(prefix), isIP(address) === 4 ? 'ipv4' : 'ipv6');
        return { entry, list };
      });
  }

  /** Returns the first entry whose range contains `address`, or undefined. */
  match(address: string): AllowEntry | undefined {
    const text = address.trim();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text)?.[1];
    const candidate = mapped ?? text;
    const family = isIP(candidate);
    if (family === 0) return undefined;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    return this.ranges.find(({ list }) => list.check(candidate, type))?.entry;
  }
}
