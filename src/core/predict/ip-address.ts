/**
 * IP address parsing and canonical text, the way Go's net.ParseIP (sloppy: IPv4 parts may have leading
 * zeros) and net.IP.String() print them. Controllers and kube-proxy re-stringify addresses, so predictions
 * must too, or a hand-written "fd00:0::1" would never compare equal to the "fd00::1" a cluster shows.
 */

export type IpFamily = 'IPv4' | 'IPv6';

/** A parsed address: its family and its 4 or 16 bytes. */
export interface ParsedIp {
  family: IpFamily;
  bytes: number[];
}

function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes.push(value);
  }
  return bytes;
}

function parseIpv6(text: string): number[] | null {
  let head = text;
  let tailBytes: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return null;
    tailBytes = v4;
    const prefix = text.slice(0, lastColon + 1);
    head = prefix.endsWith('::') ? prefix : text.slice(0, lastColon);
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (part: string): number[] | null => {
    if (part === '') return [];
    const groups: number[] = [];
    for (const group of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
      groups.push(parseInt(group, 16));
    }
    return groups;
  };
  const left = groupsOf(halves[0]);
  const right = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (!left || !right) return null;
  const wanted = 8 - tailBytes.length / 2;
  const present = left.length + right.length;
  if (halves.length === 1 ? present !== wanted : present >= wanted) return null;
  const groups = [...left, ...new Array<number>(wanted - present).fill(0), ...right];
  const bytes = groups.flatMap((group) => [group >> 8, group & 0xff]);
  return [...bytes, ...tailBytes];
}

/** Parses an address like Go's netutils.ParseIPSloppy; IPv4-mapped IPv6 counts as IPv4, as in Go. */
export function parseIp(text: string | undefined | null): ParsedIp | null {
  if (!text) return null;
  if (!text.includes(':')) {
    const v4 = parseIpv4(text);
    return v4 ? { family: 'IPv4', bytes: v4 } : null;
  }
  const v6 = parseIpv6(text);
  if (!v6) return null;
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff;
  return mapped ? { family: 'IPv4', bytes: v6.slice(12) } : { family: 'IPv6', bytes: v6 };
}

/** Prints a parsed address as Go's net.IP.String() does (RFC 5952 zero compression for IPv6). */
export function formatIp(ip: ParsedIp): string {
  if (ip.family === 'IPv4') return ip.bytes.join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((ip.bytes[i] << 8) | ip.bytes[i + 1]);
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) { bestStart = i; bestLength = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLength < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** The canonical text of an address, or null when it is not an IP address at all. */
export function canonicalIp(text: string | undefined | null): string | null {
  const parsed = parseIp(text);
  return parsed ? formatIp(parsed) : null;
}

/** The family of an address, or null when it does not parse. */
export function ipFamilyOf(text: string | undefined | null): IpFamily | null {
  return parseIp(text)?.family ?? null;
}

/** Canonical network text of a CIDR ("10.1.2.3/8" → "10.0.0.0/8"), as Go's net.IPNet.String() prints it. */
export function canonicalCidr(text: string): string | null {
  const [address, prefixText, extra] = text.split('/');
  const parsed = parseIp(address);
  if (!parsed || extra !== undefined || !/^[0-9]{1,3}$/.test(prefixText ?? '')) return null;
  const prefix = Number(prefixText);
  if (prefix > parsed.bytes.length * 8) return null;
  const bytes = parsed.bytes.map((byte, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return byte & ((0xff << (8 - keep)) & 0xff);
  });
  return `${formatIp({ family: parsed.family, bytes })}/${prefix}`;
}

/** "IP:port", with brackets around IPv6 (Go's net.JoinHostPort), the text kube-proxy sorts and hashes. */
export function joinHostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
