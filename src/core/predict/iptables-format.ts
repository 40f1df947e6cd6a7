/**
 * Text pieces of rules exactly as `iptables-save` prints them (not as kube-proxy writes them: the kernel
 * stores the rule and iptables-save re-prints addresses, protocol and matches in its own order).
 */
import type { IpFamily } from './ip-address.js';

const SAFE_COMMENT = /^[A-Za-z0-9_-]+$/;

/** xtables_save_string: bare when only [A-Za-z0-9_-], else double-quoted with ", \ and ' escaped. */
export function saveString(value: string): string {
  if (SAFE_COMMENT.test(value)) return value;
  return `"${value.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

/** `-m comment --comment …`, or nothing when comments are dropped (large cluster mode). */
export function commentMatch(text: string, enabled = true): string[] {
  return enabled ? ['-m', 'comment', '--comment', saveString(text)] : [];
}

/** An address as a host network, the way iptables-save prints -s/-d (10.0.0.1/32, fd00::1/128). */
export function hostNet(ip: string): string {
  return ip.includes(':') ? `${ip}/128` : `${ip}/32`;
}

/** The `--mask` iptables-save prints for the recent match's default all-ones mask. */
export function recentMask(family: IpFamily): string {
  return family === 'IPv6' ? 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' : '255.255.255.255';
}

/** How kube-proxy recognises traffic from local pods (--detect-local-mode). */
export type LocalDetector =
  | { mode: 'ClusterCIDR' | 'NodeCIDR'; cidr: string }
  | { mode: 'BridgeInterface'; interfaceName: string }
  | { mode: 'InterfaceNamePrefix'; prefix: string };

/** The header part of a rule (iptables-save order: -s, -d, -i, -p), negations included. */
export interface RuleHeader {
  source?: string;
  notSource?: string;
  destination?: string;
  inInterface?: string;
  notInInterface?: string;
  protocol?: string;
}

/** Detector condition for "not from a local pod" (IfNotLocal) as header fields. */
export function notLocal(detector: LocalDetector): RuleHeader {
  if (detector.mode === 'BridgeInterface') return { notInInterface: detector.interfaceName };
  if (detector.mode === 'InterfaceNamePrefix') return { notInInterface: `${detector.prefix}+` };
  return { notSource: detector.cidr };
}

/** Detector condition for "from a local pod" (IfLocal) as header fields. */
export function fromLocal(detector: LocalDetector): RuleHeader {
  if (detector.mode === 'BridgeInterface') return { inInterface: detector.interfaceName };
  if (detector.mode === 'InterfaceNamePrefix') return { inInterface: `${detector.prefix}+` };
  return { source: detector.cidr };
}

/** One `-A CHAIN …` line: header fields in iptables-save order, then matches, then the target. */
export function rule(chain: string, header: RuleHeader, matches: string[], target: string[]): string {
  const parts = ['-A', chain];
  if (header.notSource) parts.push('!', '-s', header.notSource);
  if (header.source) parts.push('-s', header.source);
  if (header.destination) parts.push('-d', header.destination);
  if (header.notInInterface) parts.push('!', '-i', header.notInInterface);
  if (header.inInterface) parts.push('-i', header.inInterface);
  if (header.protocol) parts.push('-p', header.protocol);
  return [...parts, ...matches, ...target].join(' ');
}

/** The REJECT target as iptables-save prints its default reject type. */
export function rejectTarget(family: IpFamily): string[] {
  return ['-j', 'REJECT', '--reject-with', family === 'IPv6' ? 'icmp6-port-unreachable' : 'icmp-port-unreachable'];
}
