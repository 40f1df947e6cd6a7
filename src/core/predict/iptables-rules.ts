/**
 * The `iptables-save` lines a node's kube-proxy (iptables mode) writes for one Service, from
 * pkg/proxy/iptables/proxier.go syncProxyRules and writeServiceToEndpointRules as of v1.34, printed in
 * iptables-save's own order. Lets users and the integration suite line predictions up with a real node.
 */
import type { EndpointSlice, Service } from '../kubernetes-types.js';
import { canonicalCidr } from './ip-address.js';
import { addFirewallChains } from './iptables-firewall.js';
import type { LocalDetector } from './iptables-format.js';
import { addFrontendRules, healthCheckRule } from './iptables-frontend-rules.js';
import { addServiceChains } from './iptables-service-chains.js';
import { computeProxyTargets, type ProxyTargetOptions } from './proxy-targets.js';

/** kube-proxy settings that change rule text. */
export interface IptablesRuleOptions extends ProxyTargetOptions {
  /** --detect-local-mode and its CIDR/interface; without it no "not local" masquerade rule is written. */
  localDetector?: LocalDetector;
  /** --masquerade-all. */
  masqueradeAll?: boolean;
  /** More than 1000 endpoints on the node: kube-proxy drops the comments of SVC→SEP and SEP rules. */
  largeClusterMode?: boolean;
  /** The node IP, for loadBalancerSourceRanges that include the node itself. */
  nodeIP?: string;
  /**
   * Localhost NodePorts with the nfacct counter available (iptables.localhostNodePorts, IPv4 only, and a
   * kernel with nfacct): adds the `-d 127.0.0.0/8 … -m nfacct` KUBE-NODEPORTS line. Default false.
   */
  localhostNodePortsNfacct?: boolean;
}

/** Predicted rules, grouped the way iptables-save groups them: by table and chain. */
export interface IptablesPrediction {
  /** Per-Service nat chains (KUBE-SVC/SVL/EXT/FW/SEP) and their rules, in order. */
  natChains: Record<string, string[]>;
  /** This Service's rules in the shared nat chains KUBE-SERVICES and KUBE-NODEPORTS, in order. */
  servicesRules: string[];
  nodePortsRules: string[];
  /** This Service's filter-table rules (REJECT/DROP when there are no (local) endpoints, health check ACCEPT). */
  filterRules: string[];
}

function normalizeDetector(detector: LocalDetector | undefined): LocalDetector | undefined {
  if (detector?.mode === 'ClusterCIDR' || detector?.mode === 'NodeCIDR') {
    return { ...detector, cidr: canonicalCidr(detector.cidr) ?? detector.cidr };
  }
  return detector;
}

/** Predicts the iptables-save lines kube-proxy writes for the Service on the given node. */
export function predictIptablesRules(
  service: Service,
  slices: readonly EndpointSlice[],
  options: IptablesRuleOptions = {},
): IptablesPrediction {
  const out: IptablesPrediction = { natChains: {}, servicesRules: [], nodePortsRules: [], filterRules: [] };
  const targets = computeProxyTargets(service, slices, { ...options, mode: 'iptables' });
  if (targets.skipped) return out;
  const resolved = { ...options, family: targets.family, localDetector: normalizeDetector(options.localDetector) };
  const healthCheckNodePort = service.spec?.type === 'LoadBalancer' ? service.spec.healthCheckNodePort : undefined;
  for (const port of targets.ports) {
    addFrontendRules(out, port, resolved);
    if (healthCheckNodePort && port.policy.externalPolicyLocal) out.filterRules.push(healthCheckRule(port, healthCheckNodePort));
    if (port.categorized.hasAnyEndpoints) addServiceChains(out, port, resolved);
  }
  addFirewallChains(out, service, targets.ports, resolved);
  return out;
}
