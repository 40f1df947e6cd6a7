/**
 * Which endpoints a node's kube-proxy uses for Cluster and Local traffic policy
 * (pkg/proxy/topology.go CategorizeEndpoints and servicePort policy helpers, read at v1.34).
 */
import type { Service } from '../kubernetes-types.js';
import type { ProxyEndpoint } from './proxy-endpoints.js';

/** The per-port policy facts kube-proxy derives from the Service (pkg/proxy/serviceport.go). */
export interface PortPolicy {
  internalPolicyLocal: boolean;
  externalPolicyLocal: boolean;
  externallyAccessible: boolean;
}

/** apiservice.ExternallyAccessible: the Service type can receive traffic from outside the cluster. */
export function serviceExternallyAccessible(service: Service): boolean {
  const type = service.spec?.type ?? 'ClusterIP';
  return type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && (service.spec?.externalIPs ?? []).length > 0);
}

/** Policy facts for one port; externallyAccessible is per port (nodePort, LB VIPs or external IPs present). */
export function portPolicy(service: Service, portExternallyAccessible: boolean): PortPolicy {
  return {
    internalPolicyLocal: service.spec?.internalTrafficPolicy === 'Local',
    externalPolicyLocal: serviceExternallyAccessible(service) && service.spec?.externalTrafficPolicy === 'Local',
    externallyAccessible: portExternallyAccessible,
  };
}

/** UsesClusterEndpoints: Cluster internal policy, or any external access (needed for short-circuiting). */
export function usesClusterEndpoints(policy: PortPolicy): boolean {
  return !policy.internalPolicyLocal || policy.externallyAccessible;
}

/** UsesLocalEndpoints: Local internal policy, or Local external policy with external access. */
export function usesLocalEndpoints(policy: PortPolicy): boolean {
  return policy.internalPolicyLocal || (policy.externalPolicyLocal && policy.externallyAccessible);
}

/** The topology narrowing kube-proxy applies to Cluster endpoints. */
export type TopologyMode = '' | 'PreferSameZone' | 'PreferSameNode';

/** topologyModeFromHints: hints count only when every ready endpoint has one and one matches this node/zone. */
export function topologyModeFromHints(endpoints: readonly ProxyEndpoint[], nodeName: string, zone: string): TopologyMode {
  let allNode = true;
  let forNode = false;
  let allZone = true;
  let forZone = false;
  for (const endpoint of endpoints) {
    if (!endpoint.ready) continue;
    if (endpoint.nodeHints.length === 0) allNode = false;
    else if (endpoint.nodeHints.includes(nodeName)) forNode = true;
    if (endpoint.zoneHints.length === 0) allZone = false;
    else if (endpoint.zoneHints.includes(zone)) forZone = true;
  }
  if (allNode && forNode) return 'PreferSameNode';
  if (allZone && forZone) return 'PreferSameZone';
  return '';
}

/** The outcome of CategorizeEndpoints for one Service port on one node. */
export interface CategorizedEndpoints {
  /** null when the port never uses Cluster policy. */
  clusterEndpoints: ProxyEndpoint[] | null;
  /** null when the port never uses Local policy. */
  localEndpoints: ProxyEndpoint[] | null;
  /** Endpoints that get a KUBE-SEP chain on this node. */
  allReachableEndpoints: ProxyEndpoint[];
  hasAnyEndpoints: boolean;
  topologyMode: TopologyMode;
}

/** CategorizeEndpoints: ready first, serving-and-terminating as fallback, hints narrowing Cluster policy. */
export function categorizeEndpoints(endpoints: readonly ProxyEndpoint[], policy: PortPolicy, nodeName = '', zone = ''): CategorizedEndpoints {
  const result: CategorizedEndpoints = { clusterEndpoints: null, localEndpoints: null, allReachableEndpoints: [], hasAnyEndpoints: false, topologyMode: '' };
  if (usesClusterEndpoints(policy)) {
    const mode = topologyModeFromHints(endpoints, nodeName, zone);
    result.topologyMode = mode;
    const available = (e: ProxyEndpoint): boolean =>
      mode === '' || (mode === 'PreferSameNode' ? e.nodeHints.includes(nodeName) : e.zoneHints.includes(zone));
    let cluster = endpoints.filter((e) => e.ready && available(e));
    if (cluster.length === 0) cluster = endpoints.filter((e) => e.serving && e.terminating);
    result.clusterEndpoints = cluster;
    result.hasAnyEndpoints = cluster.length > 0;
  }
  if (!usesLocalEndpoints(policy)) {
    result.allReachableEndpoints = result.clusterEndpoints ?? [];
    return result;
  }
  result.localEndpoints = [];
  let localReady = false;
  let localServingTerminating = false;
  for (const e of endpoints) {
    if (e.ready) {
      result.hasAnyEndpoints = true;
      if (e.isLocal) localReady = true;
    } else if (e.serving && e.terminating) {
      result.hasAnyEndpoints = true;
      if (e.isLocal) localServingTerminating = true;
    }
  }
  if (localReady) result.localEndpoints = endpoints.filter((e) => e.isLocal && e.ready);
  else if (localServingTerminating) result.localEndpoints = endpoints.filter((e) => e.isLocal && e.serving && e.terminating);
  if (!usesClusterEndpoints(policy)) {
    result.allReachableEndpoints = result.localEndpoints ?? [];
    return result;
  }
  const merged = new Map<string, ProxyEndpoint>();
  for (const e of [...(result.clusterEndpoints ?? []), ...(result.localEndpoints ?? [])]) merged.set(e.endpoint, e);
  result.allReachableEndpoints = [...merged.values()].sort((a, b) => (a.endpoint < b.endpoint ? -1 : 1));
  return result;
}
