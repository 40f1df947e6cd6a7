/**
 * Where a node's kube-proxy sends traffic for each Service port and each frontend (ClusterIP, NodePort,
 * external IPs, load-balancer IPs), with each backend's share and the chain names (spec section 6;
 * pkg/proxy/iptables/proxier.go syncProxyRules, read at v1.34). Works on actual or predicted slices.
 */
import type { EndpointSlice, LabelMap, Service, ServicePort } from '../kubernetes-types.js';
import { categorizeEndpoints, portPolicy, type CategorizedEndpoints, type PortPolicy } from './categorize-endpoints.js';
import { ipFamilyOf, type IpFamily } from './ip-address.js';
import { proxyEndpointsForPort, type ProxyEndpoint } from './proxy-endpoints.js';
import { endpointChainName, proxyProtocol, serviceChainName, servicePortName } from './proxy-names.js';
import { servicePortFrontends, type PortFrontendAddresses } from './proxy-frontends.js';
import { LABEL_TOPOLOGY_ZONE } from './slice-endpoint.js';
import { isServiceIPSet } from './service-facts.js';

export { predictIptablesRules } from './iptables-rules.js';

/** The node whose kube-proxy is simulated, and its settings. */
export interface ProxyTargetOptions {
  /** Node name; needed for Local traffic policies and node hints. */
  nodeName?: string;
  /** The node's labels; topology.kubernetes.io/zone drives zone hints. */
  nodeLabels?: LabelMap;
  /** Which proxier (IPv4 or IPv6); defaults to the Service's primary family. */
  family?: IpFamily;
  /** Feature gate PreferSameTrafficDistribution (default true, as from 1.34). */
  preferSameTrafficDistribution?: boolean;
}

/** One backend of a frontend, with the share of new connections it gets. */
export interface ProxyBackend {
  endpoint: string;
  ip: string;
  port: number;
  chain: string;
  share: number;
  nodeName?: string;
  isLocal: boolean;
  terminating: boolean;
}

/** One way into the Service port and what happens to traffic arriving there from outside this node's pods. */
export interface ProxyFrontend {
  kind: 'cluster-ip' | 'external-ip' | 'load-balancer' | 'node-port';
  /** null for NodePorts, which listen on the node's addresses. */
  address: string | null;
  port: number;
  policy: 'Cluster' | 'Local';
  /** The chain KUBE-SERVICES / KUBE-NODEPORTS jumps to, or null when the filter table rejects or drops. */
  chain: string | null;
  outcome: 'forward' | 'reject' | 'drop';
  backends: ProxyBackend[];
}

/** Everything kube-proxy does for one Service port on one node. */
export interface ServicePortTargets {
  servicePortName: string;
  protocol: string;
  port: number;
  chains: { cluster: string; local: string; external: string; firewall: string };
  policy: PortPolicy;
  endpoints: ProxyEndpoint[];
  categorized: CategorizedEndpoints;
  sessionAffinity: { clientIP: boolean; timeoutSeconds: number };
  frontends: ProxyFrontend[];
}

/** The whole Service as one node's kube-proxy sees it, or why it is not proxied at all. */
export interface ProxyTargets {
  skipped: null | 'external-name' | 'no-cluster-ip';
  family: IpFamily;
  ports: ServicePortTargets[];
}

function backendsOf(spn: string, protocol: string, endpoints: readonly ProxyEndpoint[]): ProxyBackend[] {
  return endpoints.map((e) => ({
    endpoint: e.endpoint, ip: e.ip, port: e.port, chain: endpointChainName(spn, protocol, e.endpoint),
    share: 1 / endpoints.length, isLocal: e.isLocal, terminating: e.terminating, ...(e.nodeName ? { nodeName: e.nodeName } : {}),
  }));
}

function portTargets(service: Service, servicePort: ServicePort, addresses: PortFrontendAddresses, slices: readonly EndpointSlice[], options: ProxyTargetOptions & { family: IpFamily }): ServicePortTargets {
  const spn = servicePortName(service, servicePort);
  const protocol = proxyProtocol(servicePort);
  const chains = {
    cluster: serviceChainName(spn, protocol, 'KUBE-SVC-'), local: serviceChainName(spn, protocol, 'KUBE-SVL-'),
    external: serviceChainName(spn, protocol, 'KUBE-EXT-'), firewall: serviceChainName(spn, protocol, 'KUBE-FW-'),
  };
  const externallyAccessible = Boolean(servicePort.nodePort) || addresses.externalIPs.length > 0 || addresses.loadBalancerIPs.length > 0;
  const policy = portPolicy(service, externallyAccessible);
  const endpoints = proxyEndpointsForPort(service, slices, servicePort, options);
  const categorized = categorizeEndpoints(endpoints, policy, options.nodeName ?? '', options.nodeLabels?.[LABEL_TOPOLOGY_ZONE] ?? '');
  const local = categorized.localEndpoints ?? [];
  const hasAny = categorized.hasAnyEndpoints;
  const outcome = (isLocalPolicy: boolean): ProxyFrontend['outcome'] => (!hasAny ? 'reject' : isLocalPolicy && local.length === 0 ? 'drop' : 'forward');
  const backends = (isLocalPolicy: boolean): ProxyBackend[] =>
    outcome(isLocalPolicy) === 'forward' ? backendsOf(spn, protocol, isLocalPolicy ? local : (categorized.clusterEndpoints ?? [])) : [];
  const frontend = (kind: ProxyFrontend['kind'], address: string | null, port: number, external: boolean, chain: string): ProxyFrontend => {
    const isLocalPolicy = external ? policy.externalPolicyLocal : policy.internalPolicyLocal;
    const reachable = external ? hasAny : outcome(isLocalPolicy) === 'forward';
    return { kind, address, port, policy: isLocalPolicy ? 'Local' : 'Cluster', chain: reachable ? chain : null, outcome: outcome(isLocalPolicy), backends: backends(isLocalPolicy) };
  };
  const usesFirewall = addresses.loadBalancerIPs.length > 0 && addresses.loadBalancerSourceRanges.length > 0;
  const frontends: ProxyFrontend[] = [];
  if (addresses.clusterIP) frontends.push(frontend('cluster-ip', addresses.clusterIP, servicePort.port, false, policy.internalPolicyLocal ? chains.local : chains.cluster));
  for (const ip of addresses.externalIPs) frontends.push(frontend('external-ip', ip, servicePort.port, true, chains.external));
  for (const ip of addresses.loadBalancerIPs) frontends.push(frontend('load-balancer', ip, servicePort.port, true, usesFirewall ? chains.firewall : chains.external));
  if (servicePort.nodePort) frontends.push(frontend('node-port', null, servicePort.nodePort, true, chains.external));
  const clientIP = service.spec?.sessionAffinity === 'ClientIP';
  const timeoutSeconds = clientIP ? (service.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : 0;
  return { servicePortName: spn, protocol, port: servicePort.port, chains, policy, endpoints, categorized, sessionAffinity: { clientIP, timeoutSeconds }, frontends };
}

/** Computes, for each Service port, where this node's kube-proxy sends traffic arriving at each frontend. */
export function computeProxyTargets(service: Service, slices: readonly EndpointSlice[], options: ProxyTargetOptions = {}): ProxyTargets {
  const family: IpFamily = options.family ?? (service.spec?.ipFamilies?.[0] === 'IPv6' || ipFamilyOf(service.spec?.clusterIP) === 'IPv6' ? 'IPv6' : 'IPv4');
  if (service.spec?.type === 'ExternalName') return { skipped: 'external-name', family, ports: [] };
  if (!isServiceIPSet(service)) return { skipped: 'no-cluster-ip', family, ports: [] };
  const addresses = servicePortFrontends(service, family);
  if (!addresses.clusterIP) return { skipped: 'no-cluster-ip', family, ports: [] };
  const ports = (service.spec?.ports ?? []).map((port) => portTargets(service, port, addresses, slices, { ...options, family }));
  return { skipped: null, family, ports };
}
