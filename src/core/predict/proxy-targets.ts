/**
 * Where a node's kube-proxy sends traffic for each Service port and each frontend (ClusterIP, NodePort,
 * external IPs, load-balancer IPs), with each backend's share and the chain names (spec section 6;
 * pkg/proxy/iptables/proxier.go syncProxyRules, read at v1.34; the nftables proxier routes the same way
 * under other chain names, pkg/proxy/nftables/proxier.go at v1.36). Works on actual or predicted slices.
 */
import type { EndpointSlice, Service, ServicePort } from '../kubernetes-types.js';
import { categorizeEndpoints, portPolicy } from './categorize-endpoints.js';
import { ipFamilyOf, type IpFamily } from './ip-address.js';
import { proxyEndpointsForPort, type ProxyEndpoint } from './proxy-endpoints.js';
import { nftablesEndpointChainName, nftablesServiceChainName, type NftablesServiceChainPrefix } from './nftables-names.js';
import { endpointChainName, proxyProtocol, serviceChainName, servicePortName } from './proxy-names.js';
import { servicePortFrontends, type PortFrontendAddresses } from './proxy-frontends.js';
import { LABEL_TOPOLOGY_ZONE } from './slice-endpoint.js';
import { isServiceIPSet, LABEL_SERVICE_PROXY_NAME } from './service-facts.js';
import { factsForMinor, NEWEST_MINOR, type VersionFacts } from '../version/index.js';
import type {
  ProxyBackend, ProxyFrontend, ProxyMode, ProxyTargetOptions, ProxyTargets, ServicePortTargets,
} from './proxy-target-types.js';

export { predictIptablesRules } from './iptables-rules.js';
export type { ProxyBackend, ProxyFrontend, ProxyMode, ProxyTargetOptions, ProxyTargets, ServicePortTargets } from './proxy-target-types.js';

/** How one Service port's chains are named in the chosen proxy mode. */
interface ChainNaming {
  chains: ServicePortTargets['chains'];
  /** The per-endpoint chain, or null when the mode sends traffic to the endpoint without one. */
  endpoint(e: ProxyEndpoint): string | null;
}

function chainNaming(service: Service, servicePort: ServicePort, spn: string, protocol: string, mode: ProxyMode, facts: VersionFacts): ChainNaming {
  if (mode === 'nftables') {
    const name = (prefix: NftablesServiceChainPrefix) => nftablesServiceChainName(service, servicePort, protocol, prefix);
    // From 1.36 nftables mode DNATs straight from the service chain; endpoint chains exist only for
    // ClientIP affinity. Up to 1.35 every endpoint has its chain.
    const affinity = service.spec?.sessionAffinity === 'ClientIP' || facts.nftablesEndpointChainsAlways;
    return {
      chains: { cluster: name('service-'), local: name('local-'), external: name('external-'), firewall: name('firewall-') },
      endpoint: (e) => (affinity ? nftablesEndpointChainName(service, servicePort, protocol, e.ip, e.port) : null),
    };
  }
  return {
    chains: {
      cluster: serviceChainName(spn, protocol, 'KUBE-SVC-'),
      local: serviceChainName(spn, protocol, 'KUBE-SVL-'),
      external: serviceChainName(spn, protocol, 'KUBE-EXT-'),
      firewall: serviceChainName(spn, protocol, 'KUBE-FW-'),
    },
    endpoint: (e) => endpointChainName(spn, protocol, e.endpoint),
  };
}

function backendsOf(naming: ChainNaming, endpoints: readonly ProxyEndpoint[]): ProxyBackend[] {
  return endpoints.map((e) => ({
    endpoint: e.endpoint,
    ip: e.ip,
    port: e.port,
    chain: naming.endpoint(e),
    share: 1 / endpoints.length,
    isLocal: e.isLocal,
    terminating: e.terminating,
    ...(e.nodeName ? { nodeName: e.nodeName } : {}),
    slice: e.slice,
    managedBy: e.managedBy,
    ...(e.alsoIn.length > 0 ? { alsoIn: e.alsoIn } : {}),
    ...(e.readOrderDecides ? { readOrderDecides: true as const } : {}),
  }));
}

type ResolvedOptions = ProxyTargetOptions & { family: IpFamily; mode: ProxyMode };

/** Zone hints make the backends depend on the node's zone label, which only the Node object has. */
function usesZoneHints(endpoints: readonly ProxyEndpoint[]): boolean {
  return endpoints.some((e) => e.ready && e.zoneHints.length > 0);
}

/**
 * Without readable Nodes, the parts that depend on one node's facts are not known: Local policy (when no
 * node was named) and topology (the node's zone). Everything else kube-proxy does comes from the slices.
 */
function unknownPart(options: ResolvedOptions, isLocal: boolean, topology: boolean): string | null {
  if (!options.nodesUnknown) return null;
  if (isLocal && !options.nodeName) return 'unknown: nodes are not readable (Local policy depends on the node)';
  if (!isLocal && topology) return 'unknown: nodes are not readable (topology hints depend on the node\'s zone)';
  return null;
}

/** How a forwarding chain picks among these backends (see ProxyFrontend.dispatch). */
function dispatchOf(backends: readonly ProxyBackend[], facts: VersionFacts): ProxyFrontend['dispatch'] {
  if (backends.length === 0) return null;
  if (backends[0].chain !== null) return 'endpoint-chains';
  return backends.length === 1 && facts.nftablesSingleEndpointWithoutMap ? 'dnat' : 'dnat-map';
}

function portTargets(
  service: Service,
  servicePort: ServicePort,
  addresses: PortFrontendAddresses,
  slices: readonly EndpointSlice[],
  options: ResolvedOptions,
): ServicePortTargets {
  const spn = servicePortName(service, servicePort);
  const protocol = proxyProtocol(servicePort);
  const facts = factsForMinor(options.kubernetesMinor ?? NEWEST_MINOR);
  const naming = chainNaming(service, servicePort, spn, protocol, options.mode, facts);
  const { chains } = naming;
  const externallyAccessible =
    Boolean(servicePort.nodePort) || addresses.externalIPs.length > 0 || addresses.loadBalancerIPs.length > 0;
  const policy = portPolicy(service, externallyAccessible);
  const endpoints = proxyEndpointsForPort(service, slices, servicePort, options);
  const zone = options.nodeLabels?.[LABEL_TOPOLOGY_ZONE] ?? '';
  const categorized = categorizeEndpoints(endpoints, policy, options.nodeName ?? '', zone);
  const local = categorized.localEndpoints ?? [];
  const hasAny = categorized.hasAnyEndpoints;

  // For each frontend: which policy applies, whether the nat table captures it, and where it goes.
  const outcome = (isLocal: boolean): ProxyFrontend['outcome'] =>
    !hasAny ? 'reject' : isLocal && local.length === 0 ? 'drop' : 'forward';
  const frontend = (kind: ProxyFrontend['kind'], address: string | null, port: number, chain: string): ProxyFrontend => {
    const external = kind !== 'cluster-ip';
    const isLocal = external ? policy.externalPolicyLocal : policy.internalPolicyLocal;
    const result = outcome(isLocal);
    // External frontends jump to KUBE-EXT whenever any endpoint exists (it short-circuits local traffic).
    const captured = external ? hasAny : result === 'forward';
    const backends = result === 'forward' ? backendsOf(naming, isLocal ? local : (categorized.clusterEndpoints ?? [])) : [];
    const unknown = unknownPart(options, isLocal, categorized.topologyMode !== '' || usesZoneHints(endpoints));
    return {
      kind, address, port, policy: isLocal ? 'Local' : 'Cluster', chain: captured ? chain : null, outcome: result, backends,
      dispatch: dispatchOf(backends, facts),
      ...(unknown ? { unknown } : {}),
    };
  };
  const usesFirewall = addresses.loadBalancerIPs.length > 0 && addresses.loadBalancerSourceRanges.length > 0;
  const frontends: ProxyFrontend[] = [];
  const internalChain = policy.internalPolicyLocal ? chains.local : chains.cluster;
  if (addresses.clusterIP) frontends.push(frontend('cluster-ip', addresses.clusterIP, servicePort.port, internalChain));
  for (const ip of addresses.externalIPs) frontends.push(frontend('external-ip', ip, servicePort.port, chains.external));
  // iptables sends load-balancer traffic with source ranges through KUBE-FW; nftables checks the ranges
  // in its filter chains and maps the address to the external chain either way.
  const lbChain = usesFirewall && options.mode === 'iptables' ? chains.firewall : chains.external;
  for (const ip of addresses.loadBalancerIPs) frontends.push(frontend('load-balancer', ip, servicePort.port, lbChain));
  if (servicePort.nodePort) frontends.push(frontend('node-port', null, servicePort.nodePort, chains.external));

  const clientIP = service.spec?.sessionAffinity === 'ClientIP';
  const timeoutSeconds = clientIP ? (service.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : 0;
  const sessionAffinity = { clientIP, timeoutSeconds };
  return { servicePortName: spn, protocol, port: servicePort.port, chains, policy, endpoints, categorized, sessionAffinity, frontends };
}

function primaryFamily(service: Service): IpFamily {
  const first = service.spec?.ipFamilies?.[0];
  if (first === 'IPv4' || first === 'IPv6') return first;
  return ipFamilyOf(service.spec?.clusterIP) === 'IPv6' ? 'IPv6' : 'IPv4';
}

/**
 * The families kube-proxy programs the Service in: every entry of spec.ipFamilies (its IPv4 proxier writes
 * iptables / nft table ip, its IPv6 proxier ip6tables / table ip6), else the ClusterIP's family.
 */
export function serviceProxyFamilies(service: Service): IpFamily[] {
  const families = (service.spec?.ipFamilies ?? []).filter((f): f is IpFamily => f === 'IPv4' || f === 'IPv6');
  return families.length > 0 ? [...new Set(families)] : [primaryFamily(service)];
}

/** The proxy view for every family of the Service, primary family first. */
export function computeProxyTargetsByFamily(
  service: Service,
  slices: readonly EndpointSlice[],
  options: Omit<ProxyTargetOptions, 'family'> = {},
): ProxyTargets[] {
  return serviceProxyFamilies(service).map((family) => computeProxyTargets(service, slices, { ...options, family }));
}

/** Computes, for each Service port, where this node's kube-proxy sends traffic arriving at each frontend. */
export function computeProxyTargets(
  service: Service,
  slices: readonly EndpointSlice[],
  options: ProxyTargetOptions = {},
): ProxyTargets {
  const family = options.family ?? primaryFamily(service);
  const mode = options.mode ?? 'iptables';
  if (service.spec?.type === 'ExternalName') return { skipped: 'external-name', family, mode, ports: [] };
  // kube-proxy does not watch Services labelled for another proxy.
  if (LABEL_SERVICE_PROXY_NAME in (service.metadata.labels ?? {})) return { skipped: 'other-proxy', family, mode, ports: [] };
  if (!isServiceIPSet(service)) return { skipped: 'no-cluster-ip', family, mode, ports: [] };
  const addresses = servicePortFrontends(service, family);
  if (!addresses.clusterIP) return { skipped: 'no-cluster-ip', family, mode, ports: [] };
  // Node hints are read only where the PreferSameTrafficDistribution gate is on (from 1.34).
  const preferSame = options.preferSameTrafficDistribution ?? factsForMinor(options.kubernetesMinor ?? NEWEST_MINOR).preferSameTrafficDistribution;
  const resolved = { ...options, family, mode, preferSameTrafficDistribution: preferSame };
  const ports = (service.spec?.ports ?? []).map((port) => portTargets(service, port, addresses, slices, resolved));
  return { skipped: null, family, mode, ports };
}
