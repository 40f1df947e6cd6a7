/**
 * kube-proxy's chain names in nftables mode (pkg/proxy/nftables/proxier.go servicePortChainNameBase,
 * servicePortEndpointChainNameBase, hashAndTruncate): readable names with a short hash in front,
 * e.g. "service-ULMVA6XW-kube-system/kube-dns/udp/dns". Users grep `nft list table ip kube-proxy` for them.
 */
import { createHash } from 'node:crypto';
import type { Service, ServicePort } from '../kubernetes-types.js';
import { base32 } from './proxy-names.js';

/** knftables.NameLengthMax (256) minus the longest chain prefix kube-proxy reserves (16). */
const CHAIN_NAME_BASE_LENGTH_MAX = 256 - 16;

/** The chain prefixes kube-proxy's nftables proxier uses per Service port. */
export type NftablesServiceChainPrefix = 'service-' | 'local-' | 'external-' | 'firewall-';

/** Eight base32 characters of sha256(name), a hyphen, then the name, cut to fit with "...". */
function hashAndTruncate(name: string): string {
  const hashed = `${base32(createHash('sha256').update(name, 'utf8').digest()).slice(0, 8)}-${name}`;
  return hashed.length > CHAIN_NAME_BASE_LENGTH_MAX ? `${hashed.slice(0, CHAIN_NAME_BASE_LENGTH_MAX - 3)}...` : hashed;
}

/** "namespace/name/protocol/portName" (the port name may be empty), as the chain names spell a Service port. */
function servicePortPath(service: Service, port: Pick<ServicePort, 'name'>, protocol: string): string {
  return `${service.metadata.namespace ?? 'default'}/${service.metadata.name ?? ''}/${protocol.toLowerCase()}/${port.name ?? ''}`;
}

/** service-… (and local/external/firewall) chain name of a Service port. */
export function nftablesServiceChainName(service: Service, port: Pick<ServicePort, 'name'>, protocol: string, prefix: NftablesServiceChainPrefix): string {
  return prefix + hashAndTruncate(servicePortPath(service, port, protocol));
}

/** endpoint-… chain name of one endpoint (used with ClientIP affinity only); IPv6 colons become dots. */
export function nftablesEndpointChainName(service: Service, port: Pick<ServicePort, 'name'>, protocol: string, ip: string, endpointPort: number): string {
  return `endpoint-${hashAndTruncate(`${servicePortPath(service, port, protocol)}__${ip.replaceAll(':', '.')}/${endpointPort}`)}`;
}
