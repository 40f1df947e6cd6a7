/**
 * KUBE-FW chains for loadBalancerSourceRanges (proxier.go syncProxyRules, v1.34): only listed sources
 * reach the Service through a load-balancer IP; the rest fall through to KUBE-PROXY-FIREWALL.
 */
import type { Service } from '../kubernetes-types.js';
import { parseIp } from './ip-address.js';
import { commentMatch, hostNet, rule } from './iptables-format.js';
import type { IptablesPrediction, IptablesRuleOptions } from './iptables-rules.js';
import { servicePortFrontends } from './proxy-frontends.js';
import type { ServicePortTargets } from './proxy-targets.js';

/** Adds the KUBE-FW chain of each port with endpoints, and the filter DROP rule per load-balancer IP. */
export function addFirewallChains(
  out: IptablesPrediction,
  service: Service,
  ports: ServicePortTargets[],
  options: IptablesRuleOptions,
): void {
  const addresses = servicePortFrontends(service, options.family ?? 'IPv4');
  if (addresses.loadBalancerIPs.length === 0 || addresses.loadBalancerSourceRanges.length === 0) return;
  const node = options.nodeIP ? parseIp(options.nodeIP) : null;
  for (const t of ports) {
    if (!t.categorized.hasAnyEndpoints) continue;
    const fw = t.chains.firewall;
    const lines = (out.natChains[fw] ??= []);
    const comment = commentMatch(`${t.servicePortName} loadbalancer IP`);
    for (const cidr of addresses.loadBalancerSourceRanges) lines.push(rule(fw, { source: cidr }, comment, ['-j', t.chains.external]));
    if (node && addresses.loadBalancerSourceRanges.some((cidr) => cidrContains(cidr, node.bytes))) {
      for (const ip of addresses.loadBalancerIPs) lines.push(rule(fw, { source: hostNet(ip) }, comment, ['-j', t.chains.external]));
    }
    lines.push(rule(fw, {}, commentMatch(`other traffic to ${t.servicePortName} will be dropped by KUBE-PROXY-FIREWALL`), []));
    const notAccepted = [...commentMatch(`${t.servicePortName} traffic not accepted by ${fw}`), '-m', t.protocol, '--dport', String(t.port)];
    for (const ip of addresses.loadBalancerIPs) {
      out.filterRules.push(rule('KUBE-PROXY-FIREWALL', { destination: hostNet(ip), protocol: t.protocol }, notAccepted, ['-j', 'DROP']));
    }
  }
}

function cidrContains(cidr: string, bytes: number[]): boolean {
  const [network, prefixText] = cidr.split('/');
  const parsed = parseIp(network);
  if (!parsed || parsed.bytes.length !== bytes.length) return false;
  const prefix = Number(prefixText);
  return parsed.bytes.every((byte, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    const mask = (0xff << (8 - keep)) & 0xff;
    return (byte & mask) === (bytes[i] & mask);
  });
}
