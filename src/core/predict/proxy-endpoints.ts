/**
 * The endpoint list kube-proxy builds for one Service port from EndpointSlices
 * (pkg/proxy/endpointslicecache.go addEndpoints, read at v1.34): which slices count, condition defaults,
 * duplicate merging (per minor: proxy-duplicates.ts) and the "IP:port" text sort that fixes the iptables rule order.
 */
import type { EndpointSlice, Service, ServicePort } from '../kubernetes-types.js';
import { servicePortProtocol } from '../find-port.js';
import { canonicalIp, ipFamilyOf, joinHostPort, type IpFamily } from './ip-address.js';
import { LABEL_HEADLESS, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, LABEL_SERVICE_PROXY_NAME } from './service-facts.js';
import { keptCopyDependsOnReadOrder, laterCopyReplaces } from './proxy-duplicates.js';
import { factsForMinor, NEWEST_MINOR } from '../version/index.js';

/** One endpoint as kube-proxy sees it for one Service port. */
export interface ProxyEndpoint {
  ip: string;
  port: number;
  /** "IP:port" ("[IPv6]:port"): the text kube-proxy sorts by and hashes into the KUBE-SEP name. */
  endpoint: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** nodeName equals the node kube-proxy runs on. */
  isLocal: boolean;
  nodeName?: string;
  zone?: string;
  zoneHints: string[];
  nodeHints: string[];
  /** The EndpointSlice this endpoint was taken from, and that slice's managed-by label (null when unset). */
  slice: string;
  managedBy: string | null;
  /** Other slices that carry the same IP:port; kube-proxy keeps one entry (proxy-duplicates.ts: which, per minor). */
  alsoIn: string[];
  /**
   * Set when those copies differ and which one kube-proxy keeps depends on the order it reads the slices in,
   * which is not fixed: this entry is the copy kept when the slices are read in the order given.
   */
  readOrderDecides?: true;
}

/** Options describing the kube-proxy instance whose view is computed. */
export interface ProxyEndpointOptions {
  family: IpFamily;
  nodeName?: string;
  /** Feature gate PreferSameTrafficDistribution: node hints are read only when it is on (default true). */
  preferSameTrafficDistribution?: boolean;
  /** The minor whose kube-proxy merges duplicate IP:ports (default: the newest supported). */
  kubernetesMinor?: number;
}

/**
 * Whether kube-proxy reads this slice for this Service: its service-name label, and not the headless label
 * (cmd/kube-proxy/app/server.go: from 1.36 EndpointSlices are filtered by that label only and
 * service-proxy-name filters Services; up to 1.35 slices with service-proxy-name are filtered out too).
 */
export function sliceUsedByKubeProxy(service: Service, slice: EndpointSlice, kubernetesMinor: number = NEWEST_MINOR): boolean {
  const labels = slice.metadata.labels ?? {};
  if (labels[LABEL_SERVICE_NAME] !== service.metadata.name) return false;
  if ((slice.metadata.namespace ?? 'default') !== (service.metadata.namespace ?? 'default')) return false;
  if (LABEL_HEADLESS in labels) return false;
  if (LABEL_SERVICE_PROXY_NAME in labels && !factsForMinor(kubernetesMinor).proxyReadsSlicesWithProxyName) return false;
  return true;
}

/** kube-proxy's sorted, de-duplicated endpoints for one Service port and one IP family. */
export function proxyEndpointsForPort(
  service: Service,
  slices: readonly EndpointSlice[],
  servicePort: ServicePort,
  options: ProxyEndpointOptions,
): ProxyEndpoint[] {
  const portName = servicePort.name ?? '';
  const protocol = servicePortProtocol(servicePort);
  const facts = factsForMinor(options.kubernetesMinor ?? NEWEST_MINOR);
  const byEndpoint = new Map<string, ProxyEndpoint>();
  const copies = new Map<string, ProxyEndpoint[]>();
  for (const slice of slices) {
    if (!sliceUsedByKubeProxy(service, slice, options.kubernetesMinor) || slice.addressType !== options.family) continue;
    const sliceName = slice.metadata.name ?? '';
    const managedBy = slice.metadata.labels?.[LABEL_MANAGED_BY] ?? null;
    for (const port of slice.ports ?? []) {
      // The API server defaults a missing port name to "" and a missing protocol to TCP.
      if ((port.name ?? '') !== portName || (port.protocol || 'TCP') !== protocol || !port.port) continue;
      for (const item of slice.endpoints ?? []) {
        const first = item.addresses?.[0];
        if (!first || ipFamilyOf(first) !== options.family) continue;
        const ip = canonicalIp(first) ?? first;
        const conditions = item.conditions ?? {};
        const terminating = conditions.terminating === true;
        const useNodeHints = options.preferSameTrafficDistribution !== false;
        const entry: ProxyEndpoint = {
          ip,
          port: port.port,
          endpoint: joinHostPort(ip, port.port),
          ready: conditions.ready !== false,
          serving: conditions.serving !== false,
          terminating,
          isLocal: Boolean(options.nodeName) && item.nodeName === options.nodeName,
          zoneHints: (item.hints?.forZones ?? []).map((z) => z.name),
          nodeHints: useNodeHints ? (item.hints?.forNodes ?? []).map((n) => n.name) : [],
          slice: sliceName,
          managedBy,
          alsoIn: [],
        };
        if (item.nodeName) entry.nodeName = item.nodeName;
        if (item.zone) entry.zone = item.zone;
        const earlier = byEndpoint.get(entry.endpoint);
        if (earlier && earlier.slice !== sliceName) entry.alsoIn = [...new Set([...earlier.alsoIn, earlier.slice])];
        copies.set(entry.endpoint, [...(copies.get(entry.endpoint) ?? []), entry]);
        if (!earlier || laterCopyReplaces(entry, facts)) byEndpoint.set(entry.endpoint, entry);
        else if (earlier.slice !== sliceName) earlier.alsoIn = [...new Set([...earlier.alsoIn, sliceName])];
      }
    }
  }
  for (const [key, kept] of byEndpoint) if (keptCopyDependsOnReadOrder(copies.get(key) ?? [], facts)) kept.readOrderDecides = true;
  return [...byEndpoint.values()].sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0));
}
