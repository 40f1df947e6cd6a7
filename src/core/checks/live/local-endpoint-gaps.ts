/**
 * Which nodes drop a Local-policy Service's traffic: kube-proxy on a node sends Local traffic only to
 * that node's own endpoints (ready, else serving and terminating), and drops it when it has none while
 * other nodes do (pkg/proxy/topology.go CategorizeEndpoints; spec section 6).
 */
import type { EndpointSlice, Service, ServicePort } from '../../kubernetes-types.js';
import { addressTypesForService } from '../../predict/index.js';
import { serviceExternallyAccessible } from '../../predict/categorize-endpoints.js';
import { proxyEndpointsForPort } from '../../predict/proxy-endpoints.js';

/** Which kind of traffic a Local policy applies to. */
export type LocalTraffic = 'internal' | 'external';

/** The outcome for one Service: nodes without a local endpoint, nodes with one, and the traffic concerned. */
export interface LocalEndpointGaps {
  traffic: LocalTraffic[];
  /** Nodes where Local traffic for at least one port is dropped, in the order given. */
  nodesWithout: string[];
  /** Nodes that hold a usable endpoint for every affected port. */
  nodesWith: string[];
}

/** A port receives external traffic when it has a nodePort, or the Service has external or load-balancer IPs. */
function portExternal(service: Service, port: ServicePort): boolean {
  const ingress = service.status?.loadBalancer?.ingress ?? [];
  return Boolean(port.nodePort) || (service.spec?.externalIPs ?? []).length > 0 || ingress.length > 0;
}

/**
 * Nodes whose kube-proxy drops the Service's Local-policy traffic, computed from the actual slices as
 * the server's kube-proxy minor reads them, for every IP family of the Service.
 * Ports without any usable endpoint are skipped: their traffic is rejected everywhere, not dropped.
 */
export function findLocalEndpointGaps(service: Service, slices: readonly EndpointSlice[], nodeNames: readonly string[], kubernetesMinor?: number): LocalEndpointGaps {
  const internalLocal = service.spec?.internalTrafficPolicy === 'Local';
  const externalLocal = service.spec?.externalTrafficPolicy === 'Local' && serviceExternallyAccessible(service);
  const traffic = new Set<LocalTraffic>();
  const without = new Set<string>();
  for (const port of service.spec?.ports ?? []) {
    const external = externalLocal && portExternal(service, port);
    if (!internalLocal && !external) continue;
    // Each IP family of a dual-stack Service is its own proxy view (iptables and ip6tables), with its own gaps.
    for (const family of addressTypesForService(service)) {
      const usable = proxyEndpointsForPort(service, slices, port, { family, kubernetesMinor }).filter((e) => e.ready || (e.serving && e.terminating));
      if (usable.length === 0) continue;
      if (internalLocal) traffic.add('internal');
      if (external) traffic.add('external');
      const local = new Set(usable.map((e) => e.nodeName));
      for (const node of nodeNames) if (!local.has(node)) without.add(node);
    }
  }
  return {
    traffic: [...traffic],
    nodesWithout: nodeNames.filter((node) => without.has(node)),
    nodesWith: traffic.size > 0 ? nodeNames.filter((node) => !without.has(node)) : [],
  };
}
