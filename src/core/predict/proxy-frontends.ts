/**
 * The addresses one kube-proxy instance (one IP family) captures for a Service (pkg/proxy/serviceport.go
 * newBaseServiceInfo): the ClusterIP of its family, external IPs and VIP-mode load-balancer IPs.
 */
import type { Service } from '../kubernetes-types.js';
import { canonicalCidr, canonicalIp, ipFamilyOf, type IpFamily } from './ip-address.js';

/** The frontend addresses of a Service for one family, canonicalised as iptables-save prints them. */
export interface PortFrontendAddresses {
  clusterIP: string | null;
  externalIPs: string[];
  loadBalancerIPs: string[];
  loadBalancerSourceRanges: string[];
}

/** GetClusterIPByFamily: the entry of clusterIPs in this family, else clusterIP when it is in this family. */
export function clusterIPForFamily(service: Service, family: IpFamily): string | null {
  const candidates = service.spec?.clusterIPs?.length ? service.spec.clusterIPs : [service.spec?.clusterIP ?? ''];
  const match = candidates.find((ip) => ipFamilyOf(ip) === family);
  return match ? canonicalIp(match) : null;
}

/** Frontend addresses of the Service for one family; LB ingress with ipMode Proxy is left to the load balancer. */
export function servicePortFrontends(service: Service, family: IpFamily): PortFrontendAddresses {
  const externalIPs = (service.spec?.externalIPs ?? [])
    .filter((ip) => ipFamilyOf(ip) === family)
    .map((ip) => canonicalIp(ip) as string);
  const ingress = (service.status?.loadBalancer?.ingress ?? []) as { ip?: string; ipMode?: string }[];
  const loadBalancerIPs = ingress
    .filter((entry) => entry.ip && (entry.ipMode === undefined || entry.ipMode === 'VIP') && ipFamilyOf(entry.ip) === family)
    .map((entry) => canonicalIp(entry.ip) as string);
  const loadBalancerSourceRanges = (service.spec?.loadBalancerSourceRanges ?? [])
    .map((cidr) => canonicalCidr(cidr.trim()))
    .filter((cidr): cidr is string => cidr !== null && ipFamilyOf(cidr.split('/')[0]) === family);
  return { clusterIP: clusterIPForFamily(service, family), externalIPs, loadBalancerIPs, loadBalancerSourceRanges };
}
