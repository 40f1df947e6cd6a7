/**
 * The `iptables-save` lines a node's kube-proxy (iptables mode) writes for one Service, from
 * pkg/proxy/iptables/proxier.go syncProxyRules and writeServiceToEndpointRules as of v1.34, printed in
 * iptables-save's own order. Lets users and the integration suite line predictions up with a real node.
 */
import type { EndpointSlice, Service } from '../kubernetes-types.js';
import { usesClusterEndpoints, usesLocalEndpoints } from './categorize-endpoints.js';
import { canonicalCidr } from './ip-address.js';
import {
  commentMatch, fromLocal, hostNet, notLocal, recentMask, rejectTarget, rule, type LocalDetector,
} from './iptables-format.js';
import { endpointChainName, iptablesProbability } from './proxy-names.js';
import { addFirewallChains } from './iptables-firewall.js';
import { computeProxyTargets, type ProxyTargetOptions, type ServicePortTargets } from './proxy-targets.js';

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

function addPortRules(out: IptablesPrediction, service: Service, t: ServicePortTargets, options: IptablesRuleOptions): void {
  const { servicePortName: spn, protocol: p, chains, policy, categorized } = t;
  const family = options.family ?? 'IPv4';
  const dport = (port: number): string[] => ['-m', p, '--dport', String(port)];
  const comment = (text: string): string[] => commentMatch(text);
  const chain = (name: string): string[] => (out.natChains[name] ??= []);
  const detector = options.localDetector && normalizeDetector(options.localDetector);
  const cluster = categorized.clusterEndpoints ?? [];
  const local = categorized.localEndpoints ?? [];
  const hasAny = categorized.hasAnyEndpoints;
  const internalChain = policy.internalPolicyLocal ? chains.local : chains.cluster;
  for (const frontend of t.frontends) {
    const header = { destination: frontend.address ? hostNet(frontend.address) : undefined, protocol: p };
    if (frontend.kind === 'cluster-ip') {
      if (frontend.chain) out.servicesRules.push(rule('KUBE-SERVICES', header, [...comment(`${spn} cluster IP`), ...dport(t.port)], ['-j', frontend.chain]));
      else out.filterRules.push(rule('KUBE-SERVICES', header, [...comment(`${spn} ${hasAny ? 'has no local endpoints' : 'has no endpoints'}`), ...dport(t.port)], hasAny ? ['-j', 'DROP'] : rejectTarget(family)));
      continue;
    }
    const kindComment = frontend.kind === 'external-ip' ? 'external IP' : 'loadbalancer IP';
    if (frontend.chain && frontend.kind === 'node-port') {
      if (options.localhostNodePortsNfacct && family === 'IPv4') {
        const nfacct = ['-m', 'nfacct', '--nfacct-name', ' localhost_nps_accepted_pkts'];
        out.nodePortsRules.push(rule('KUBE-NODEPORTS', { destination: '127.0.0.0/8', protocol: p }, [...comment(spn), ...dport(frontend.port), ...nfacct], ['-j', frontend.chain]));
      }
      out.nodePortsRules.push(rule('KUBE-NODEPORTS', { protocol: p }, [...comment(spn), ...dport(frontend.port)], ['-j', frontend.chain]));
    }
    else if (frontend.chain) out.servicesRules.push(rule('KUBE-SERVICES', header, [...comment(`${spn} ${kindComment}`), ...dport(t.port)], ['-j', frontend.chain]));
    if (frontend.outcome !== 'forward') {
      const matches = frontend.kind === 'node-port' ? ['-m', 'addrtype', '--dst-type', 'LOCAL', ...dport(frontend.port)] : dport(t.port);
      const target = frontend.outcome === 'drop' ? ['-j', 'DROP'] : rejectTarget(family);
      out.filterRules.push(rule('KUBE-EXTERNAL-SERVICES', frontend.kind === 'node-port' ? { protocol: p } : header, [...comment(`${spn} ${hasAny ? 'has no local endpoints' : 'has no endpoints'}`), ...matches], target));
    }
  }
  if (service.spec?.type === 'LoadBalancer' && policy.externalPolicyLocal && service.spec.healthCheckNodePort) {
    out.filterRules.push(rule('KUBE-NODEPORTS', { protocol: 'tcp' }, [...comment(`${spn} health check node port`), '-m', 'tcp', '--dport', String(service.spec.healthCheckNodePort)], ['-j', 'ACCEPT']));
  }
  if (!hasAny) return;

  const clusterIP = t.frontends.find((f) => f.kind === 'cluster-ip');
  if (clusterIP?.chain) {
    const masq = [...comment(`${spn} cluster IP`), ...dport(t.port)];
    const header = { destination: hostNet(clusterIP.address as string), protocol: p };
    if (options.masqueradeAll) chain(internalChain).push(rule(internalChain, header, masq, ['-j', 'KUBE-MARK-MASQ']));
    else if (detector) chain(internalChain).push(rule(internalChain, { ...header, ...notLocal(detector) }, masq, ['-j', 'KUBE-MARK-MASQ']));
  }
  if (policy.externallyAccessible) addExternalChain(out, t, detector);
  if (cluster.length > 0 && usesClusterEndpoints(policy)) writeServiceToEndpointRules(chain(chains.cluster), chains.cluster, t, cluster.map((e) => e.endpoint), options);
  if (local.length > 0 && usesLocalEndpoints(policy)) writeServiceToEndpointRules(chain(chains.local), chains.local, t, local.map((e) => e.endpoint), options);
  for (const endpoint of categorized.allReachableEndpoints) {
    const sep = endpointChainNameOf(t, endpoint.endpoint);
    const commentParts = commentMatch(spn, !options.largeClusterMode);
    const affinity = t.sessionAffinity.clientIP ? ['-m', 'recent', '--set', '--name', sep, '--mask', recentMask(family), '--rsource'] : [];
    chain(sep).push(rule(sep, { source: hostNet(endpoint.ip) }, commentParts, ['-j', 'KUBE-MARK-MASQ']));
    chain(sep).push(rule(sep, { protocol: p }, [...commentParts, ...affinity, '-m', p], ['-j', 'DNAT', '--to-destination', endpoint.endpoint]));
  }
}

function endpointChainNameOf(t: ServicePortTargets, endpoint: string): string {
  return endpointChainName(t.servicePortName, t.protocol, endpoint);
}

function writeServiceToEndpointRules(lines: string[], chain: string, t: ServicePortTargets, endpoints: string[], options: IptablesRuleOptions): void {
  const family = options.family ?? 'IPv4';
  const comment = (endpoint: string): string[] => commentMatch(`${t.servicePortName} -> ${endpoint}`, !options.largeClusterMode);
  if (t.sessionAffinity.clientIP) {
    for (const endpoint of endpoints) {
      const sep = endpointChainNameOf(t, endpoint);
      lines.push(rule(chain, {}, [...comment(endpoint), '-m', 'recent', '--rcheck', '--seconds', String(t.sessionAffinity.timeoutSeconds), '--reap', '--name', sep, '--mask', recentMask(family), '--rsource'], ['-j', sep]));
    }
  }
  endpoints.forEach((endpoint, i) => {
    const statistic = i < endpoints.length - 1 ? ['-m', 'statistic', '--mode', 'random', '--probability', iptablesProbability(endpoints.length - i)] : [];
    lines.push(rule(chain, {}, [...comment(endpoint), ...statistic], ['-j', endpointChainNameOf(t, endpoint)]));
  });
}

function addExternalChain(out: IptablesPrediction, t: ServicePortTargets, detector: LocalDetector | undefined): void {
  const { servicePortName: spn, chains, policy } = t;
  const lines = (out.natChains[chains.external] ??= []);
  if (!policy.externalPolicyLocal) {
    lines.push(rule(chains.external, {}, commentMatch(`masquerade traffic for ${spn} external destinations`), ['-j', 'KUBE-MARK-MASQ']));
  } else {
    if (detector) lines.push(rule(chains.external, fromLocal(detector), commentMatch(`pod traffic for ${spn} external destinations`), ['-j', chains.cluster]));
    lines.push(rule(chains.external, {}, [...commentMatch(`masquerade LOCAL traffic for ${spn} external destinations`), '-m', 'addrtype', '--src-type', 'LOCAL'], ['-j', 'KUBE-MARK-MASQ']));
    lines.push(rule(chains.external, {}, [...commentMatch(`route LOCAL traffic for ${spn} external destinations`), '-m', 'addrtype', '--src-type', 'LOCAL'], ['-j', chains.cluster]));
  }
  const hasExternal = !policy.externalPolicyLocal || (t.categorized.localEndpoints ?? []).length > 0;
  if (hasExternal) lines.push(rule(chains.external, {}, [], ['-j', policy.externalPolicyLocal ? chains.local : chains.cluster]));
}

function normalizeDetector(detector: LocalDetector): LocalDetector {
  if (detector.mode === 'ClusterCIDR' || detector.mode === 'NodeCIDR') return { ...detector, cidr: canonicalCidr(detector.cidr) ?? detector.cidr };
  return detector;
}

/** Predicts the iptables-save lines kube-proxy writes for the Service on the given node. */
export function predictIptablesRules(service: Service, slices: readonly EndpointSlice[], options: IptablesRuleOptions = {}): IptablesPrediction {
  const out: IptablesPrediction = { natChains: {}, servicesRules: [], nodePortsRules: [], filterRules: [] };
  const targets = computeProxyTargets(service, slices, options);
  if (targets.skipped) return out;
  const resolved = { ...options, family: targets.family };
  for (const port of targets.ports) addPortRules(out, service, port, resolved);
  addFirewallChains(out, service, targets.ports, resolved);
  return out;
}
