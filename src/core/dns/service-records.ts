/**
 * The records CoreDNS' `kubernetes` plugin serves for one Service, built the way its zone transfer lists
 * them (plugin/kubernetes/xfr.go transferServices, object/service.go ToService and object/endpoint.go
 * EndpointSliceToEndpoints, read at v1.15.0). Pure: the Service and the EndpointSlices labelled with its
 * name (actual ones live, predicted ones otherwise) in, records out.
 */
import type { EndpointSlice, Service } from '../kubernetes-types.js';
import { formatIp, parseIp } from '../predict/ip-address.js';
import { serviceType } from '../selector.js';
import type { AddressRecord, DnsRecord, SrvRecord } from './dns-record.js';
import { endpointHostname } from './endpoint-hostname.js';

/** The cluster's DNS domain (kubelet --cluster-domain, the zone of CoreDNS' kubernetes plugin). */
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

/** The name every record of a Service hangs under: service.namespace.svc.domain. */
export function serviceDnsName(service: Service, clusterDomain: string): string {
  return `${service.metadata.name ?? ''}.${service.metadata.namespace ?? 'default'}.svc.${clusterDomain}`;
}

/** The SRV owner name of a port: _name._protocol.service-name, both lowercased as CoreDNS does. */
export function srvName(serviceName: string, portName: string, protocol: string): string {
  return `_${portName.toLowerCase()}._${protocol.toLowerCase()}.${serviceName}`;
}

/** An A or AAAA record when host is an IP (msg.Service.HostType), else nothing, like emitAddressRecord. */
function addressRecord(name: string, host: string): AddressRecord | null {
  const ip = parseIp(host);
  if (!ip) return null;
  return { name, type: ip.family === 'IPv4' ? 'A' : 'AAAA', address: formatIp(ip) };
}

/** SRV weight of each of n equal records (calcSRVWeight: 100/n of the 100 shares, at least 1), in float64 as Go does. */
export function srvWeight(count: number): number {
  return Math.max(1, Math.floor((100 / (100 * count)) * 100));
}

/** A port number as CoreDNS writes it into an SRV record: uint16, so its "no ports" sentinel -1 becomes 65535. */
function srvPort(port: number): number {
  return port & 0xffff;
}

function clusterIpRecords(service: Service, name: string, clusterIPs: string[]): DnsRecord[] {
  const records: DnsRecord[] = [];
  let host = '';
  for (const ip of clusterIPs) {
    const record = addressRecord(name, ip);
    if (record) records.push(record);
    host = record ? record.name : '';
  }
  const ports = service.spec?.ports?.length ? service.spec.ports : [{ port: -1, name: '', protocol: '' }];
  for (const port of ports) {
    const base = { type: 'SRV' as const, priority: 0, weight: 100, port: srvPort(port.port), target: host };
    records.push({ name, ...base });
    if (!port.name) continue;
    records.push({ name: srvName(name, port.name, port.protocol ?? 'TCP'), ...base });
  }
  return records;
}

function endpointRecords(name: string, slices: readonly EndpointSlice[]): DnsRecord[] {
  const records: DnsRecord[] = [];
  for (const slice of slices) {
    const ports = slice.ports?.length ? slice.ports : [{ port: -1, name: '', protocol: '' }];
    const addresses = (slice.endpoints ?? [])
      .filter((endpoint) => endpoint.conditions?.ready !== false)
      .flatMap((endpoint) => endpoint.addresses.map((address) => ({ address, hostname: endpoint.hostname })));
    const weight = srvWeight(addresses.length);
    for (const { address, hostname } of addresses) {
      const serviceRecord = addressRecord(name, address);
      if (serviceRecord) records.push(serviceRecord);
      const endpointRecord = addressRecord(`${endpointHostname(address, hostname)}.${name}`, address);
      if (endpointRecord) records.push(endpointRecord);
      for (const port of ports) {
        if (!port.name) continue;
        const srv: SrvRecord = { name: srvName(name, port.name, port.protocol ?? 'TCP'), type: 'SRV', priority: 0, weight, port: srvPort(port.port ?? -1), target: endpointRecord?.name ?? '' };
        records.push(srv);
      }
    }
  }
  return records;
}

/**
 * Every record of one Service. ClusterIP, NodePort and LoadBalancer Services with a ClusterIP: A/AAAA per
 * ClusterIP, an SRV at the Service name per port, and _name._proto SRV records per named port. Without a
 * ClusterIP (headless): for each ready address of each slice (publishNotReadyAddresses makes the
 * controller mark every address ready), A/AAAA at the Service name and at hostname.service, and SRV
 * records per named slice port aimed at that per-endpoint name. ExternalName: a CNAME unless it is an IP.
 */
export function serviceDnsRecords(service: Service, slices: readonly EndpointSlice[], clusterDomain = DEFAULT_CLUSTER_DOMAIN): DnsRecord[] {
  const name = serviceDnsName(service, clusterDomain);
  const type = serviceType(service);
  if (type === 'ExternalName') {
    const target = service.spec?.externalName ?? '';
    return parseIp(target) ? [] : [{ name, type: 'CNAME', target }];
  }
  if (type !== 'ClusterIP' && type !== 'NodePort' && type !== 'LoadBalancer') return [];
  const clusterIPs = service.spec?.clusterIPs?.length ? service.spec.clusterIPs : [service.spec?.clusterIP ?? ''];
  if (parseIp(clusterIPs[0])) return clusterIpRecords(service, name, clusterIPs);
  return endpointRecords(name, slices);
}
