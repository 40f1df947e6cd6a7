/**
 * What differs between the supported Kubernetes minors, as booleans the core asks for. Each threshold
 * was read in the Kubernetes source of every supported minor (k8s.io/kubernetes v1.33.13, v1.34.0,
 * v1.35.0, v1.36.3, v1.37.2; k8s.io/api of the same minors); the file and symbol are named per fact.
 */
import { minorNumber, type KubernetesVersion } from './kubernetes-version.js';

/** The facts for one minor. */
export interface VersionFacts {
  /**
   * RelaxedServiceNameValidation (beta, on by default from 1.36; pkg/apis/core/validation
   * ValidateServiceCreate): Service names are DNS-1123 labels and may start with a digit. Before: DNS-1035.
   */
  serviceNameMayStartWithDigit: boolean;
  /** PreferSameTrafficDistribution (beta, on from 1.34): trafficDistribution also accepts PreferSameZone and PreferSameNode. */
  preferSameTrafficDistribution: boolean;
  /** k8s.io/api core/v1 ServiceTrafficDistributionPreferClose "Deprecated: use PreferSameZone" from 1.35. */
  preferCloseDeprecated: boolean;
  /** pkg/api/service/warnings.go warns "spec.externalIPs is deprecated" from 1.36. */
  externalIPsDeprecated: boolean;
  /**
   * nftables proxier (pkg/proxy/nftables/proxier.go): up to 1.35 every endpoint has its own chain and the
   * service chain jumps to it through a numgen vmap; from 1.36 the service chain DNATs through a numgen
   * map and endpoint chains exist only with ClientIP affinity (writeServiceToEndpointDNATs).
   */
  nftablesEndpointChainsAlways: boolean;
  /** From 1.37 writeServiceToEndpointDNATs writes a plain "dnat to IP:PORT" for a single endpoint, no map. */
  nftablesSingleEndpointWithoutMap: boolean;
  /**
   * pkg/proxy/endpointslicecache.go addEndpoints, when several slices carry one IP:port: from 1.36 a later
   * copy replaces the kept one when it is not terminating (`!exists || !terminating`); up to 1.35 only when
   * it is on kube-proxy's own node (`!exists || isLocal`), so otherwise the first copy read is kept.
   */
  proxyDuplicatePrefersNonTerminating: boolean;
  /**
   * cmd/kube-proxy/app/server.go: from 1.36 the EndpointSlice informer filters on the headless label only;
   * up to 1.35 it shares the Services' selector, so a slice labelled service.kubernetes.io/service-proxy-name
   * is not read either.
   */
  proxyReadsSlicesWithProxyName: boolean;
  /**
   * StrictIPCIDRValidation (alpha, off in 1.33–1.35; beta, on from 1.36; pkg/features/kube_features.go):
   * spec.clusterIP(s), externalIPs and loadBalancerSourceRanges refuse leading zeros, IPv4-mapped IPv6
   * and (CIDRs) bits past the prefix (apimachinery util/validation/ip.go IsValidIPForLegacyField).
   */
  strictIpCidrValidation: boolean;
  /**
   * pkg/apis/apps/validation ValidatePodTemplateSpecForStatefulSet: from 1.34 a StatefulSet's pod template
   * is validated as a pod spec on create; up to 1.33 only its labels and annotations (and, in
   * ValidateStatefulSetSpec, restartPolicy and activeDeadlineSeconds) are, so a StatefulSet with a broken
   * container is stored and each Pod its controller creates is refused.
   */
  statefulSetPodTemplateValidated: boolean;
}

/** The facts for a minor number. */
export function factsForMinor(minor: number): VersionFacts {
  return {
    serviceNameMayStartWithDigit: minor >= 36,
    preferSameTrafficDistribution: minor >= 34,
    preferCloseDeprecated: minor >= 35,
    externalIPsDeprecated: minor >= 36,
    nftablesEndpointChainsAlways: minor <= 35,
    nftablesSingleEndpointWithoutMap: minor >= 37,
    proxyDuplicatePrefersNonTerminating: minor >= 36,
    proxyReadsSlicesWithProxyName: minor >= 36,
    strictIpCidrValidation: minor >= 36,
    statefulSetPodTemplateValidated: minor >= 34,
  };
}

/** The facts for a version (the newest supported minor when none is given). */
export function versionFacts(version: KubernetesVersion | undefined): VersionFacts {
  return factsForMinor(minorNumber(version));
}
