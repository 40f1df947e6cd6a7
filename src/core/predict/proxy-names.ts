/**
 * kube-proxy's names for a Service port and its iptables chains (pkg/proxy/iptables/proxier.go
 * portProtoHash, servicePortEndpointChainName; spec section 6). Users grep iptables-save for these.
 */
import { createHash } from 'node:crypto';
import type { Service, ServicePort } from '../kubernetes-types.js';
import { servicePortProtocol } from '../find-port.js';
import { joinHostPort } from './ip-address.js';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, standard alphabet, without padding: what Go's base32.StdEncoding yields before "=". */
export function base32(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) output += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return output;
}

/** First 16 base32 characters of sha256(text): the suffix of every kube-proxy chain name. */
export function chainHash(text: string): string {
  return base32(createHash('sha256').update(text, 'utf8').digest()).slice(0, 16);
}

/** ServicePortName.String(): "namespace/name", plus ":portname" only when the port is named. */
export function servicePortName(service: Service, port: Pick<ServicePort, 'name'>): string {
  const base = `${service.metadata.namespace ?? 'default'}/${service.metadata.name ?? ''}`;
  return port.name ? `${base}:${port.name}` : base;
}

/** The protocol as kube-proxy writes it in names and rules: tcp, udp or sctp. */
export function proxyProtocol(port: Pick<ServicePort, 'protocol'>): string {
  return servicePortProtocol(port).toLowerCase();
}

/** The chain prefixes kube-proxy uses per Service port. */
export type ServiceChainPrefix = 'KUBE-SVC-' | 'KUBE-SVL-' | 'KUBE-EXT-' | 'KUBE-FW-';

/** KUBE-SVC-… (and SVL/EXT/FW) chain name of a service port. */
export function serviceChainName(spn: string, protocol: string, prefix: ServiceChainPrefix = 'KUBE-SVC-'): string {
  return prefix + chainHash(spn + protocol.toLowerCase());
}

/** KUBE-SEP-… chain name of one endpoint; endpoint is "IP:port", "[IPv6]:port". */
export function endpointChainName(spn: string, protocol: string, endpoint: string): string {
  return 'KUBE-SEP-' + chainHash(spn + protocol.toLowerCase() + endpoint);
}

/** KUBE-SEP-… chain name from an IP and port, bracketing IPv6 as kube-proxy does. */
export function endpointChainNameFor(spn: string, protocol: string, ip: string, port: number): string {
  return endpointChainName(spn, protocol, joinHostPort(ip, port));
}

/**
 * The probability text iptables-save prints for `--probability 1/n`: kube-proxy writes "%0.10f", the
 * statistic match stores lround(p * 2^31) and prints stored / 2^31 with "%.11f". Computed exactly with
 * integers (round half to even on the exact binary value, like glibc printf).
 */
export function iptablesProbability(n: number): string {
  const written = Number((1 / n).toFixed(10));
  const stored = BigInt(Math.round(written * 0x80000000));
  const scaled = stored * 10n ** 11n;
  const divisor = 0x80000000n;
  let quotient = scaled / divisor;
  const twiceRemainder = (scaled % divisor) * 2n;
  if (twiceRemainder > divisor || (twiceRemainder === divisor && quotient % 2n === 1n)) quotient += 1n;
  const digits = quotient.toString().padStart(12, '0');
  return `${digits.slice(0, -11)}.${digits.slice(-11)}`;
}

/** The probability kube-proxy writes in its restore input ("%0.10f" of 1/n), for reference. */
export function kubeProxyProbability(n: number): string {
  return (1 / n).toFixed(10);
}
