import { BlockList, isIP } from 'node:net';

import { UsageError } from '../errors.js';

export const ALLOW_KINDS = ['ip', 'asn', 'country', 'user', 'app'] as const;
export type AllowKind = (typeof ALLOW_KINDS)[number];

/** One allow-list entry, normalised for matching, with where it came from. */
export interface AllowEntry {
  kind: AllowKind;
  /** Canonical value: a CIDR range, an ASN number, an upper-case country code, or lower-case text. */
  value: string;
  /** The flag or config file that gave the entry. */
  source: string;
  /** The consultant's note, such as "corporate VPN". */
  note?: string;
}

/** Text that names the entry in `SuppressedBy`, such as `ip 198.51.100.0/24 (corporate VPN)`. */
export function describeEntry(entry: AllowEntry): string {
  return `${entry.kind} ${entry.value} (${entry.note ?? entry.source})`;
}

/**
 * Checks and normalises one allow-list value. `where` names the flag or config key for the
 * error message.
 */
export function parseAllowEntry(kind: AllowKind, raw: string, where: string, source: string, note?: string): AllowEntry {
  const text = raw.trim();
  const entry = (value: string): AllowEntry => ({ kind, value, source, ...(note === undefined ? {} : { note }) });
  switch (kind) {
    case 'ip':
      return entry(parseRange(text, where));
    case 'asn': {
      const match = /^(?:AS)?(\d{1,10})$/i.exec(text);
      if (!match || Number(match[1]) > 4_294_967_295) {
        throw new UsageError(`${where}: invalid ASN "${raw}". Write the number, such as 64500 or AS64500.`);
      }
      return entry(String(Number(match[1])));
    }
    case 'country':
      if (!/^[A-Za-z]{2}$/.test(text)) {
        throw new UsageError(`${where}: invalid country "${raw}". Write the two-letter ISO 3166 code, such as NL.`);
      }
      return entry(text.toUpperCase());
    case 'user':
    case 'app':
      if (text === '') throw new UsageError(`${where}: empty ${kind} name. Give a name or an id.`);
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
