/**
 * The rest of the API server's Service validation for a create, after its defaulting: the fields that
 * depend on the Service's type, the cluster IPs and IP families, session affinity, external IPs, source
 * ranges and the traffic policies (pkg/apis/core/validation/validation.go: validateService,
 * validateServicePort, ValidateServiceClusterIPsRelatedFields, validateServiceExternalTrafficPolicy,
 * validateServiceInternalTrafficFieldsValue, validateLoadBalancerClassField; defaults from
 * pkg/apis/core/v1/defaults.go SetDefaults_Service; the NodePort range from the allocator's default).
 */
import type { Service, ServiceSpec } from '../kubernetes-types.js';
import { parseIp } from '../predict/ip-address.js';
import { hasLeadingZero, ipProblem, specialRange } from './ip-rules.js';
import { isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidLabelValue, isValidPortNumber } from '../validation.js';
import type { VersionFacts } from '../version/index.js';

const SESSION_AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];
/** core.MaxClientIPServiceAffinitySeconds. */
const MAX_AFFINITY_SECONDS = 86400;
/** The API server's default --service-node-port-range. */
const NODE_PORT_RANGE = [30000, 32767];
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const TOPOLOGY_HINTS_ANNOTATION = 'service.kubernetes.io/topology-aware-hints';
const TOPOLOGY_MODE_ANNOTATION = 'service.kubernetes.io/topology-mode';

const NONE: readonly string[] = [];
const isSet = (value: unknown) => value !== undefined && value !== null;
const quoted = (value: unknown) => JSON.stringify(value);

/** What is wrong with a CIDR of a legacy field (loadBalancerSourceRanges): strict from 1.36 as for IPs, and no bits past the prefix. */
function cidrProblem(text: string, strict: boolean): string | null {
  const slash = text.indexOf('/');
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const ip = slash === -1 ? null : parseIp(address);
  const prefix = Number(prefixText);
  if (!ip || !/^[0-9]{1,3}$/.test(prefixText) || prefix > ip.bytes.length * 8) return 'is not a valid CIDR (e.g. 10.9.8.0/24 or 2001:db8::/64)';
  if (!strict) return null;
  if (hasLeadingZero(address) || (prefixText.length > 1 && prefixText.startsWith('0'))) return 'must not have leading 0s in IP or prefix length';
  if (ip.family === 'IPv4' && address.includes(':')) return 'must not have an IPv4-mapped IPv6 address';
  const hostBits = ip.bytes.some((byte, i) => (byte & ~(0xff << (8 - Math.max(0, Math.min(8, prefix - i * 8)))) & 0xff) !== 0);
  return hostBits ? 'must not have bits set beyond the prefix length' : null;
}

/** The cluster IPs as the registry hands them to validation on a create: clusterIP copied in when only it is set. */
function clusterIPsOf(spec: ServiceSpec): string[] {
  const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  return spec.clusterIP && ips.length === 0 ? [spec.clusterIP] : ips;
}

/**
 * The allocator's checks of a create before any IP is handed out (pkg/registry/core/service/storage,
 * initIPFamilyFields): an unset ipFamilyPolicy is SingleStack, or RequireDualStack for a headless
 * Service without a selector, and a single-stack Service may not ask for two cluster IPs or two
 * families. What depends on the cluster's Service CIDRs (a family it does not serve) cannot be told offline.
 */
function singleStackErrors(spec: ServiceSpec, ips: string[], families: string[]): string[] {
  const selectorless = !spec.selector || Object.keys(spec.selector).length === 0;
  const policy = isSet(spec.ipFamilyPolicy) ? spec.ipFamilyPolicy : spec.clusterIP === 'None' && selectorless ? 'RequireDualStack' : 'SingleStack';
  if (policy !== 'SingleStack') return [];
  const implied = isSet(spec.ipFamilyPolicy) ? '' : ' (the default when ipFamilyPolicy is unset)';
  const errors: string[] = [];
  if (ips.length === 2) errors.push(`spec.ipFamilyPolicy SingleStack${implied} allows one cluster IP, but spec.clusterIPs has two: set PreferDualStack or RequireDualStack`);
  if (families.length === 2) errors.push(`spec.ipFamilyPolicy SingleStack${implied} allows one IP family, but spec.ipFamilies has two: set PreferDualStack or RequireDualStack`);
  return errors;
}

function clusterIPErrors(spec: ServiceSpec, strict: boolean): string[] {
  const errors: string[] = [];
  const given = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  if (spec.clusterIP && given.length > 0 && given[0] !== spec.clusterIP) errors.push(`spec.clusterIPs[0] ${quoted(given[0])} must match spec.clusterIP ${quoted(spec.clusterIP)}`);
  if (!spec.clusterIP && given.length > 0) errors.push('spec.clusterIPs must be empty when spec.clusterIP is not set');
  const families = Array.isArray(spec.ipFamilies) ? spec.ipFamilies : [];
  families.forEach((family, i) => {
    if (!IP_FAMILIES.includes(family)) errors.push(`spec.ipFamilies[${i}] ${quoted(family)} is not one of ${IP_FAMILIES.join(', ')}`);
    if (families.indexOf(family) < i) errors.push(`spec.ipFamilies[${i}] ${quoted(family)} is a duplicate`);
  });
  if (isSet(spec.ipFamilyPolicy) && !IP_FAMILY_POLICIES.includes(spec.ipFamilyPolicy!)) {
    errors.push(`spec.ipFamilyPolicy ${quoted(spec.ipFamilyPolicy)} is not one of ${IP_FAMILY_POLICIES.join(', ')}`);
  }
  const ips = clusterIPsOf(spec);
  const field = spec.clusterIPs?.length ? 'spec.clusterIPs' : 'spec.clusterIP';
  let invalid = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        invalid = true;
        errors.push(`${field}: "None" must be the first and only value`);
      }
      return;
    }
    const problem = ipProblem(ip, strict);
    if (problem) {
      invalid = true;
      errors.push(`${field === 'spec.clusterIP' ? field : `${field}[${i}]`} ${quoted(ip)} ${problem}`);
    }
  });
  if (ips.length > 2) errors.push('spec.clusterIPs may hold at most 2 values');
  errors.push(...singleStackErrors(spec, ips, families));
  if (invalid) return errors;
  const parsed = ips.filter((ip) => ip !== 'None').map((ip) => parseIp(ip)!);
  if (ips.length > 1 && parsed.length === ips.length && new Set(parsed.map((ip) => ip.family)).size !== parsed.length) {
    errors.push('spec.clusterIPs may hold no more than one IP of each family');
  }
  if (ips[0] !== 'None') {
    parsed.forEach((ip, i) => {
      const family = families[i];
      if (family === 'IPv4' && ip.family === 'IPv6') errors.push(`spec.clusterIPs[${i}] ${quoted(ips[i])} is not IPv4, as spec.ipFamilies[${i}] says`);
      if (family === 'IPv6' && ip.family !== 'IPv6') errors.push(`spec.clusterIPs[${i}] ${quoted(ips[i])} is not IPv6, as spec.ipFamilies[${i}] says`);
    });
  }
  return errors;
}

/** The annotations' keys and values together may hold this many bytes (apimachinery TotalAnnotationSizeLimitB). */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** The length of a text in UTF-8 bytes, as Go's len() counts a string. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** ValidateObjectMeta's rules for the namespace, the labels and the annotations (apimachinery api/validation/objectmeta.go). */
export function metadataErrors(metadata: Service['metadata']): string[] {
  const errors: string[] = [];
  if (metadata.namespace !== undefined && !isDns1123Label(metadata.namespace)) errors.push(`metadata.namespace ${quoted(metadata.namespace)} is not a DNS-1123 label`);
  // for…in, not Object.entries: this runs for every Service, mostly before the JIT has compiled it.
  const labels = metadata.labels ?? {};
  for (const key in labels) {
    const value = labels[key];
    if (!isQualifiedName(key)) errors.push(`metadata.labels key ${quoted(key)} is not a valid label key`);
    if (typeof value === 'string' && !isValidLabelValue(value)) errors.push(`metadata.labels value ${quoted(value)} for ${quoted(key)} is not a valid label value`);
  }
  let bytes = 0;
  const annotations = metadata.annotations ?? {};
  for (const key in annotations) {
    const value = annotations[key];
    if (!isQualifiedName(key.toLowerCase())) errors.push(`metadata.annotations key ${quoted(key)} is not a qualified name`);
    bytes += utf8Length(key) + utf8Length(String(value ?? ''));
  }
  if (bytes > ANNOTATIONS_MAX_BYTES) errors.push(`metadata.annotations hold ${bytes} bytes, more than the ${ANNOTATIONS_MAX_BYTES} allowed`);
  return errors;
}

/** Every reason beyond names, ports and the selector that the API server would refuse to create the Service. */
export function serviceSpecErrors(service: Service, type: string, facts: VersionFacts): string[] {
  const errors = metadataErrors(service.metadata);
  const spec = service.spec ?? {};
  const strict = facts.strictIpCidrValidation;
  const annotations = service.metadata?.annotations ?? {};
  const hints = annotations[TOPOLOGY_HINTS_ANNOTATION];
  const mode = annotations[TOPOLOGY_MODE_ANNOTATION];
  if (isSet(hints) && isSet(mode) && hints !== mode) errors.push(`annotation ${TOPOLOGY_MODE_ANNOTATION} ${quoted(mode)} must match ${TOPOLOGY_HINTS_ANNOTATION} ${quoted(hints)} when both are set`);

  const ips = clusterIPsOf(spec);
  const headless = ips.length === 1 && ips[0] === 'None';
  if ((type === 'LoadBalancer' || type === 'NodePort') && headless) errors.push(`spec.clusterIP may not be "None" for type ${type}`);
  if (type === 'ExternalName') {
    if (ips.length > 0 || spec.clusterIP) errors.push('spec.clusterIP may not be set for type ExternalName');
    if (Array.isArray(spec.ipFamilies) && spec.ipFamilies.length > 0) errors.push('spec.ipFamilies may not be set for type ExternalName');
    if (isSet(spec.ipFamilyPolicy)) errors.push('spec.ipFamilyPolicy may not be set for type ExternalName');
    // The name may end in a dot (fully qualified).
    const name = (spec.externalName ?? '').replace(/\.$/, '');
    if (name !== '' && !isDns1123Subdomain(name)) {
      errors.push(`spec.externalName ${quoted(spec.externalName)} is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", at most 253 characters)`);
    }
  } else if (isSet(spec.clusterIP) || isSet(spec.clusterIPs) || isSet(spec.ipFamilies) || isSet(spec.ipFamilyPolicy)) {
    errors.push(...clusterIPErrors(spec, strict));
  }

  const ports = spec.ports ?? [];
  let nodePorts: Set<string> | undefined;
  // The allocator gives one nodePort to one port number (TCP and UDP of port 53 may share it).
  let portOfNodePort: Map<number, number> | undefined;
  for (let i = 0; i < ports.length; i += 1) {
    const port = ports[i];
    if (isSet(port.appProtocol) && !isQualifiedName(String(port.appProtocol))) errors.push(`spec.ports[${i}].appProtocol ${quoted(port.appProtocol)} is not a qualified name`);
    if (!port.nodePort) continue;
    nodePorts ??= new Set();
    portOfNodePort ??= new Map();
    if (type === 'ClusterIP') errors.push(`spec.ports[${i}].nodePort may not be set when the type is ClusterIP`);
    const key = `${port.nodePort}/${port.protocol || 'TCP'}`;
    if (nodePorts.has(key)) errors.push(`spec.ports[${i}].nodePort ${port.nodePort} is a duplicate`);
    else if ((portOfNodePort.get(port.nodePort) ?? port.port) !== port.port) errors.push(`spec.ports[${i}].nodePort ${port.nodePort} is already allocated to port ${portOfNodePort.get(port.nodePort)} (ports may share a nodePort only when they have the same port number)`);
    nodePorts.add(key);
    if (!portOfNodePort.has(port.nodePort)) portOfNodePort.set(port.nodePort, port.port);
    if ((type === 'NodePort' || type === 'LoadBalancer') && (port.nodePort < NODE_PORT_RANGE[0] || port.nodePort > NODE_PORT_RANGE[1])) {
      errors.push(`spec.ports[${i}].nodePort ${port.nodePort} is outside the default NodePort range ${NODE_PORT_RANGE.join('-')} (unless the API server's --service-node-port-range allows it)`);
    }
  }

  const affinity = spec.sessionAffinity || 'None';
  if (!SESSION_AFFINITIES.includes(affinity)) errors.push(`spec.sessionAffinity ${quoted(affinity)} is not one of ${SESSION_AFFINITIES.join(', ')}`);
  const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (affinity === 'ClientIP' && isSet(timeout) && !(timeout! > 0 && timeout! <= MAX_AFFINITY_SECONDS)) {
    errors.push(`spec.sessionAffinityConfig.clientIP.timeoutSeconds ${timeout} is not between 1 and ${MAX_AFFINITY_SECONDS}`);
  }

  const externalIPs = Array.isArray(spec.externalIPs) ? spec.externalIPs : NONE;
  for (let i = 0; i < externalIPs.length; i += 1) {
    const ip = externalIPs[i];
    const parsed = parseIp(ip);
    const problem = ipProblem(ip, strict) ?? (parsed ? specialRange(parsed) : null);
    if (problem) errors.push(`spec.externalIPs[${i}] ${quoted(ip)} ${problem}`);
  }

  const ranges = Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges : NONE;
  const rangesAnnotation = annotations[SOURCE_RANGES_ANNOTATION];
  if (ranges.length > 0) {
    if (type !== 'LoadBalancer') errors.push('spec.loadBalancerSourceRanges may only be set when the type is LoadBalancer');
    ranges.forEach((range, i) => {
      const problem = cidrProblem(String(range).trim(), strict);
      if (problem) errors.push(`spec.loadBalancerSourceRanges[${i}] ${quoted(range)} ${problem}`);
    });
  } else if (isSet(rangesAnnotation)) {
    if (type !== 'LoadBalancer') errors.push(`annotation ${SOURCE_RANGES_ANNOTATION} may only be set when the type is LoadBalancer`);
    const text = String(rangesAnnotation).trim();
    for (const range of text === '' ? [] : text.split(',')) {
      const problem = cidrProblem(range.trim(), strict);
      if (problem) errors.push(`annotation ${SOURCE_RANGES_ANNOTATION} value ${quoted(range.trim())} ${problem}`);
    }
  }

  if (isSet(spec.allocateLoadBalancerNodePorts) && type !== 'LoadBalancer') errors.push('spec.allocateLoadBalancerNodePorts may only be set when the type is LoadBalancer');
  if (isSet(spec.loadBalancerClass)) {
    if (type !== 'LoadBalancer') errors.push('spec.loadBalancerClass may only be set when the type is LoadBalancer');
    else if (!isQualifiedName(String(spec.loadBalancerClass))) errors.push(`spec.loadBalancerClass ${quoted(spec.loadBalancerClass)} is not a qualified name`);
  }

  const externallyAccessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && externalIPs.length > 0);
  const external = spec.externalTrafficPolicy;
  if (!externallyAccessible && external) errors.push(`spec.externalTrafficPolicy may only be set for externally-accessible Services (NodePort, LoadBalancer, or ClusterIP with externalIPs)`);
  if (externallyAccessible && external && !TRAFFIC_POLICIES.includes(external)) errors.push(`spec.externalTrafficPolicy ${quoted(external)} is not one of ${TRAFFIC_POLICIES.join(', ')}`);
  const needsHealthCheck = type === 'LoadBalancer' && external === 'Local';
  if (spec.healthCheckNodePort && !needsHealthCheck) errors.push("spec.healthCheckNodePort may only be set when the type is LoadBalancer and externalTrafficPolicy is Local");
  if (spec.healthCheckNodePort && needsHealthCheck && !isValidPortNumber(spec.healthCheckNodePort)) errors.push(`spec.healthCheckNodePort ${spec.healthCheckNodePort} is not between 1 and 65535`);
  const internal = spec.internalTrafficPolicy;
  if (isSet(internal) && !TRAFFIC_POLICIES.includes(internal!)) errors.push(`spec.internalTrafficPolicy ${quoted(internal)} is not one of ${TRAFFIC_POLICIES.join(', ')}`);
  return errors;
}
