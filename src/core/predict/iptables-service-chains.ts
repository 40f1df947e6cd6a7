/**
 * The per-Service nat chains (proxier.go syncProxyRules and writeServiceToEndpointRules, v1.34):
 * KUBE-SVC/KUBE-SVL load balancing with masquerade and affinity rules, KUBE-EXT short-circuiting for
 * external traffic, and one KUBE-SEP chain per reachable endpoint doing the DNAT.
 */
import { usesClusterEndpoints, usesLocalEndpoints } from './categorize-endpoints.js';
import { commentMatch, fromLocal, hostNet, notLocal, recentMask, rule, type LocalDetector } from './iptables-format.js';
import type { IptablesPrediction, IptablesRuleOptions } from './iptables-rules.js';
import { endpointChainName, iptablesProbability } from './proxy-names.js';
import type { ServicePortTargets } from './proxy-targets.js';

/** Adds the SVC/SVL/EXT/SEP chains of one Service port that has endpoints somewhere. */
export function addServiceChains(out: IptablesPrediction, t: ServicePortTargets, options: IptablesRuleOptions): void {
  const { chains, policy, categorized } = t;
  const chain = (name: string): string[] => (out.natChains[name] ??= []);
  const cluster = categorized.clusterEndpoints ?? [];
  const local = categorized.localEndpoints ?? [];
  const clusterIP = t.frontends.find((f) => f.kind === 'cluster-ip');
  if (clusterIP?.chain) addMasqueradeRule(chain(clusterIP.chain), clusterIP.chain, clusterIP.address as string, t, options);
  if (policy.externallyAccessible) addExternalChain(chain(chains.external), t, options.localDetector);
  if (cluster.length > 0 && usesClusterEndpoints(policy)) {
    addLoadBalancingRules(chain(chains.cluster), chains.cluster, t, cluster.map((e) => e.endpoint), options);
  }
  if (local.length > 0 && usesLocalEndpoints(policy)) {
    addLoadBalancingRules(chain(chains.local), chains.local, t, local.map((e) => e.endpoint), options);
  }
  for (const endpoint of categorized.allReachableEndpoints) {
    const sep = endpointChainName(t.servicePortName, t.protocol, endpoint.endpoint);
    const comment = commentMatch(t.servicePortName, !options.largeClusterMode);
    const affinity = t.sessionAffinity.clientIP
      ? ['-m', 'recent', '--set', '--name', sep, '--mask', recentMask(options.family ?? 'IPv4'), '--rsource']
      : [];
    chain(sep).push(rule(sep, { source: hostNet(endpoint.ip) }, comment, ['-j', 'KUBE-MARK-MASQ']));
    const dnat = ['-j', 'DNAT', '--to-destination', endpoint.endpoint];
    chain(sep).push(rule(sep, { protocol: t.protocol }, [...comment, ...affinity, '-m', t.protocol], dnat));
  }
}

/** Masquerades ClusterIP traffic from outside the pod network (or all of it with --masquerade-all). */
function addMasqueradeRule(lines: string[], chain: string, clusterIP: string, t: ServicePortTargets, options: IptablesRuleOptions): void {
  const matches = [...commentMatch(`${t.servicePortName} cluster IP`), '-m', t.protocol, '--dport', String(t.port)];
  const header = { destination: hostNet(clusterIP), protocol: t.protocol };
  if (options.masqueradeAll) lines.push(rule(chain, header, matches, ['-j', 'KUBE-MARK-MASQ']));
  else if (options.localDetector) lines.push(rule(chain, { ...header, ...notLocal(options.localDetector) }, matches, ['-j', 'KUBE-MARK-MASQ']));
}

/** writeServiceToEndpointRules: affinity checks first, then rule i of n jumps with probability 1/(n−i). */
function addLoadBalancingRules(lines: string[], chain: string, t: ServicePortTargets, endpoints: string[], options: IptablesRuleOptions): void {
  const comment = (endpoint: string): string[] => commentMatch(`${t.servicePortName} -> ${endpoint}`, !options.largeClusterMode);
  const sepOf = (endpoint: string): string => endpointChainName(t.servicePortName, t.protocol, endpoint);
  if (t.sessionAffinity.clientIP) {
    for (const endpoint of endpoints) {
      const recent = ['-m', 'recent', '--rcheck', '--seconds', String(t.sessionAffinity.timeoutSeconds), '--reap'];
      const name = ['--name', sepOf(endpoint), '--mask', recentMask(options.family ?? 'IPv4'), '--rsource'];
      lines.push(rule(chain, {}, [...comment(endpoint), ...recent, ...name], ['-j', sepOf(endpoint)]));
    }
  }
  endpoints.forEach((endpoint, i) => {
    const last = i === endpoints.length - 1;
    const statistic = last ? [] : ['-m', 'statistic', '--mode', 'random', '--probability', iptablesProbability(endpoints.length - i)];
    lines.push(rule(chain, {}, [...comment(endpoint), ...statistic], ['-j', sepOf(endpoint)]));
  });
}

/** KUBE-EXT: masquerade for Cluster policy; for Local, short-circuit pod and host traffic to KUBE-SVC. */
function addExternalChain(lines: string[], t: ServicePortTargets, detector: LocalDetector | undefined): void {
  const { servicePortName: spn, chains, policy } = t;
  const ext = chains.external;
  if (!policy.externalPolicyLocal) {
    lines.push(rule(ext, {}, commentMatch(`masquerade traffic for ${spn} external destinations`), ['-j', 'KUBE-MARK-MASQ']));
  } else {
    if (detector) {
      lines.push(rule(ext, fromLocal(detector), commentMatch(`pod traffic for ${spn} external destinations`), ['-j', chains.cluster]));
    }
    const localSource = ['-m', 'addrtype', '--src-type', 'LOCAL'];
    lines.push(rule(ext, {}, [...commentMatch(`masquerade LOCAL traffic for ${spn} external destinations`), ...localSource], ['-j', 'KUBE-MARK-MASQ']));
    lines.push(rule(ext, {}, [...commentMatch(`route LOCAL traffic for ${spn} external destinations`), ...localSource], ['-j', chains.cluster]));
  }
  const hasExternalEndpoints = !policy.externalPolicyLocal || (t.categorized.localEndpoints ?? []).length > 0;
  if (hasExternalEndpoints) lines.push(rule(ext, {}, [], ['-j', policy.externalPolicyLocal ? chains.local : chains.cluster]));
}
