/**
 * The DNS part of `explain SERVICE`: the records CoreDNS serves for the Service, from the EndpointSlices
 * the explain view already holds, plus what a reader would otherwise have to infer (ports without SRV).
 */
import type { EndpointSlice, Service } from '../kubernetes-types.js';
import { servicePortProtocol } from '../find-port.js';
import { sortRecords, type DnsRecord } from './dns-record.js';
import { DEFAULT_CLUSTER_DOMAIN, serviceDnsName, serviceDnsRecords } from './service-records.js';

/** What explain shows and JSON carries as `dns`. */
export interface DnsView {
  clusterDomain: string;
  /** service.namespace.svc.domain, the name clients use. */
  name: string;
  /** Which EndpointSlices the per-endpoint records come from (headless Services). */
  source: 'actual' | 'predicted';
  records: DnsRecord[];
  /** Service ports without a name ("9090/TCP"): no _name._proto SRV record can point at them. */
  unnamedPorts: string[];
  /** Where queries answer differently from the zone transfer these records follow. */
  notes: string[];
}

/**
 * FQDN EndpointSlices (deprecated) hold names, not IPs: CoreDNS' zone transfer gives their endpoints no
 * address record and aims their SRV records at the root, but a query for the Service name answers a
 * CNAME to each name (kubernetes.go findServices keeps the address as the host, and a host that is not
 * an IP becomes a CNAME).
 */
function fqdnNotes(service: Service, slices: readonly EndpointSlice[]): string[] {
  if (service.spec?.type === 'ExternalName') return [];
  const names = slices.filter((slice) => slice.addressType === 'FQDN')
    .flatMap((slice) => (slice.endpoints ?? []).filter((endpoint) => endpoint.conditions?.ready !== false).flatMap((endpoint) => endpoint.addresses));
  if (names.length === 0 || (service.spec?.clusterIP && service.spec.clusterIP !== 'None')) return [];
  return [`FQDN EndpointSlice endpoints (${[...new Set(names)].join(', ')}): the zone lists no address for them, but a query for the Service name answers a CNAME to each`];
}

/** The DNS records of one Service and the ports that get no SRV name. */
export function buildDnsView(service: Service, slices: readonly EndpointSlice[], source: DnsView['source'], clusterDomain = DEFAULT_CLUSTER_DOMAIN): DnsView {
  const unnamedPorts = service.spec?.type === 'ExternalName'
    ? []
    : (service.spec?.ports ?? []).filter((port) => !port.name).map((port) => `${port.port}/${servicePortProtocol(port)}`);
  return {
    clusterDomain,
    name: serviceDnsName(service, clusterDomain),
    source,
    records: sortRecords(serviceDnsRecords(service, slices, clusterDomain)),
    unnamedPorts,
    notes: fqdnNotes(service, slices),
  };
}
