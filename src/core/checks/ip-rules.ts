/**
 * The API server's rules for IP addresses in "legacy" fields (cluster IPs, external IPs, Endpoints and
 * EndpointSlice addresses): apimachinery util/validation/ip.go and ValidateEndpointIP in
 * pkg/apis/core/validation/validation.go.
 */
import { parseIp, type ParsedIp } from '../predict/ip-address.js';

/**
 * What is wrong with an address in a field validated as a "legacy" IP, in the API server's words: it
 * must parse as Go's ParseIPSloppy parses it; from StrictIPCIDRValidation on (1.36) without leading
 * zeros and not as an IPv4-mapped IPv6 address (apimachinery util/validation/ip.go). Null when fine.
 */
export function ipProblem(text: string, strict: boolean): string | null {
  const ip = parseIp(text);
  if (!ip) return 'is not a valid IP address';
  if (!strict) return null;
  if (hasLeadingZero(text)) return 'must not have leading 0s';
  if (ip.family === 'IPv4' && text.includes(':')) return 'must not be an IPv4-mapped IPv6 address';
  return null;
}

/** A dotted IPv4 part written with a leading zero ("010"), which netip.ParseAddr refuses. */
export function hasLeadingZero(text: string): boolean {
  const v4 = text.slice(text.lastIndexOf(':') + 1);
  return v4.includes('.') && v4.split('.').some((part) => part.length > 1 && part.startsWith('0'));
}

/** ValidateEndpointIP's special ranges, as Go's net.IP predicates draw them. */
export function specialRange(ip: ParsedIp): string | null {
  const b = ip.bytes;
  if (b.every((byte) => byte === 0)) return 'may not be unspecified';
  if (ip.family === 'IPv4') {
    if (b[0] === 127) return 'may not be in the loopback range (127.0.0.0/8)';
    if (b[0] === 169 && b[1] === 254) return 'may not be in the link-local range (169.254.0.0/16)';
    if (b[0] === 224 && b[1] === 0 && b[2] === 0) return 'may not be in the link-local multicast range (224.0.0.0/24)';
    return null;
  }
  if (b.slice(0, 15).every((byte) => byte === 0) && b[15] === 1) return 'may not be the loopback address (::1)';
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return 'may not be in the link-local range (fe80::/10)';
  if (b[0] === 0xff && (b[1] & 0x0f) === 0x02) return 'may not be in the link-local multicast range (ff02::/16)';
  return null;
}
