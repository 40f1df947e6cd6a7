/**
 * The API server's create-time validation of hand-written Endpoints and EndpointSlices, after its
 * defaulting (pkg/apis/core/validation/validation.go: ValidateEndpoints, validateEndpointSubsets,
 * validateEndpointAddress, ValidateEndpointIP, validateEndpointPort; pkg/apis/discovery/validation:
 * ValidateEndpointSlice; defaults: an empty Endpoints port protocol and an absent slice port protocol
 * are TCP, an absent slice port name is ""). Each problem is a short phrase naming the field.
 */
import type { EndpointAddress, EndpointPort, EndpointSlice, Endpoints, ObjectMeta } from '../kubernetes-types.js';
import { formatIp, parseIp } from '../predict/ip-address.js';
import { isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidLabelValue, isValidPortNumber } from '../validation.js';
import type { VersionFacts } from '../version/index.js';
import { ipProblem, specialRange } from './ip-rules.js';
import { metadataErrors } from './service-spec-rules.js';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const ADDRESS_TYPES = ['IPv4', 'IPv6', 'FQDN'];
const MAX_SLICE_ENDPOINTS = 1000;
const MAX_SLICE_ADDRESSES = 100;
const MAX_SLICE_PORTS = 20000;
const MAX_HINTS = 8;

const quoted = (value: unknown) => JSON.stringify(value);
const listOf = <T>(value: T[] | null | undefined): T[] => (Array.isArray(value) ? value : []);

/** ValidateObjectMeta with a DNS-1123 subdomain name (both kinds), then the namespace, labels and annotations. */
function objectMetaErrors(metadata: ObjectMeta): string[] {
  const errors: string[] = [];
  const name = metadata.name ?? '';
  // The manifest reader writes "prefix*" for an object that only has generateName.
  if (!metadata.generateName && !isDns1123Subdomain(name)) errors.push(`metadata.name ${quoted(name)} is not a DNS-1123 subdomain`);
  errors.push(...metadataErrors(metadata));
  return errors;
}

/** ValidateEndpointIP after the field's own parse: the address must be one a client can be sent to. */
function endpointIpProblem(text: string, strict: boolean): string | null {
  const problem = ipProblem(text, strict);
  if (problem) return problem;
  return specialRange(parseIp(text)!);
}

function nodeNameProblem(at: string, nodeName: unknown): string | null {
  return typeof nodeName === 'string' && !isDns1123Subdomain(nodeName) ? `${at}.nodeName ${quoted(nodeName)} is not a DNS-1123 subdomain` : null;
}

/** An Endpoints address checks a hostname only when it is not empty; a slice endpoint whenever it is set. */
function hostnameProblem(at: string, hostname: unknown, emptyAllowed: boolean): string | null {
  if (typeof hostname !== 'string' || (emptyAllowed && hostname === '')) return null;
  return isDns1123Label(hostname) ? null : `${at}.hostname ${quoted(hostname)} is not a DNS-1123 label`;
}

function appProtocolProblem(at: string, port: EndpointPort): string | null {
  return port.appProtocol !== undefined && port.appProtocol !== null && !isQualifiedName(String(port.appProtocol))
    ? `${at}.appProtocol ${quoted(port.appProtocol)} is not a qualified name`
    : null;
}

function addressErrors(address: EndpointAddress, at: string, strict: boolean): string[] {
  const errors: string[] = [];
  const problem = endpointIpProblem(String(address.ip ?? ''), strict);
  if (problem) errors.push(`${at}.ip ${quoted(address.ip ?? '')} ${problem}`);
  const hostname = hostnameProblem(at, address.hostname, true);
  if (hostname) errors.push(hostname);
  const nodeName = nodeNameProblem(at, address.nodeName);
  if (nodeName) errors.push(nodeName);
  return errors;
}

/** Every reason the API server of these facts would refuse to create the Endpoints object. */
export function endpointsValidationErrors(endpoints: Endpoints, facts: VersionFacts): string[] {
  const errors = objectMetaErrors(endpoints.metadata);
  const strict = facts.strictIpCidrValidation;
  listOf(endpoints.subsets).forEach((subset, i) => {
    const at = `subsets[${i}]`;
    const ready = listOf(subset.addresses);
    const notReady = listOf(subset.notReadyAddresses);
    if (ready.length === 0 && notReady.length === 0) errors.push(`${at} must list addresses or notReadyAddresses`);
    ready.forEach((address, j) => errors.push(...addressErrors(address, `${at}.addresses[${j}]`, strict)));
    notReady.forEach((address, j) => errors.push(...addressErrors(address, `${at}.notReadyAddresses[${j}]`, strict)));
    const ports = listOf(subset.ports);
    ports.forEach((port, j) => {
      const where = `${at}.ports[${j}]`;
      const name = port.name ?? '';
      if (ports.length > 1 && name === '') errors.push(`${where}.name is required when a subset has more than one port`);
      else if (name !== '' && !isDns1123Label(name)) errors.push(`${where}.name ${quoted(name)} is not a DNS-1123 label`);
      if (!isValidPortNumber(port.port ?? 0)) errors.push(`${where}.port ${quoted(port.port ?? 0)} is not between 1 and 65535`);
      const protocol = port.protocol || 'TCP';
      if (!PROTOCOLS.includes(protocol)) errors.push(`${where}.protocol ${quoted(protocol)} is not one of ${PROTOCOLS.join(', ')}`);
      const appProtocol = appProtocolProblem(where, port);
      if (appProtocol) errors.push(appProtocol);
    });
  });
  return errors;
}

/** What is wrong with one address of a slice of this addressType (unknown types are not checked). */
function sliceAddressProblem(address: string, addressType: string, strict: boolean): string | null {
  if (addressType === 'FQDN') return fqdnProblem(address);
  if (addressType !== 'IPv4' && addressType !== 'IPv6') return null;
  // IPv4 addresses are a legacy field; IPv6 ones were validated strictly from the start, in canonical form.
  const v6 = addressType === 'IPv6';
  const problem = ipProblem(address, v6 || strict);
  if (problem) return problem;
  const parsed = parseIp(address)!;
  if (v6 && formatIp(parsed) !== address) return `must be in canonical form (${quoted(formatIp(parsed))})`;
  if (parsed.family !== addressType) return `must be an ${addressType} address`;
  return specialRange(parsed);
}

/** IsFullyQualifiedDomainName: a DNS-1123 subdomain of at least two labels, a trailing dot allowed. */
function fqdnProblem(address: string): string | null {
  if (address === '') return 'is required';
  const name = address.endsWith('.') ? address.slice(0, -1) : address;
  if (!isDns1123Subdomain(name)) return 'is not a DNS-1123 subdomain';
  if (!name.includes('.')) return 'should be a domain with at least two segments separated by dots';
  return name.split('.').every(isDns1123Label) ? null : 'has a label that is not a DNS-1123 label';
}

function hintErrors(hints: NonNullable<EndpointSlice['endpoints']>[number]['hints'], at: string): string[] {
  if (!hints) return [];
  const errors: string[] = [];
  const zones = listOf(hints.forZones);
  if (zones.length > MAX_HINTS) return [`${at}.hints.forZones has ${zones.length} entries, more than ${MAX_HINTS}`];
  zones.forEach((zone, i) => {
    if (zones.findIndex((other) => other.name === zone.name) < i) errors.push(`${at}.hints.forZones[${i}].name ${quoted(zone.name)} is a duplicate`);
    if (!isValidLabelValue(String(zone.name ?? ''))) errors.push(`${at}.hints.forZones[${i}].name ${quoted(zone.name)} is not a valid label value`);
  });
  const nodes = listOf(hints.forNodes);
  if (nodes.length > MAX_HINTS) return [...errors, `${at}.hints.forNodes has ${nodes.length} entries, more than ${MAX_HINTS}`];
  nodes.forEach((node, i) => {
    if (nodes.findIndex((other) => other.name === node.name) < i) errors.push(`${at}.hints.forNodes[${i}].name ${quoted(node.name)} is a duplicate`);
    if (!isDns1123Subdomain(String(node.name ?? ''))) errors.push(`${at}.hints.forNodes[${i}].name ${quoted(node.name)} is not a DNS-1123 subdomain`);
  });
  return errors;
}

/** Every reason the API server of these facts would refuse to create the EndpointSlice. */
export function endpointSliceValidationErrors(slice: EndpointSlice, facts: VersionFacts): string[] {
  const errors = objectMetaErrors(slice.metadata);
  const addressType = slice.addressType ?? '';
  if (addressType === '') errors.push('addressType is required');
  else if (!ADDRESS_TYPES.includes(addressType)) errors.push(`addressType ${quoted(addressType)} is not one of ${ADDRESS_TYPES.join(', ')}`);
  const names = new Set<string>();
  const ports = listOf(slice.ports);
  if (ports.length > MAX_SLICE_PORTS) errors.push(`ports has ${ports.length} entries, more than ${MAX_SLICE_PORTS}`);
  else ports.forEach((port, i) => {
    const at = `ports[${i}]`;
    const name = port.name ?? '';
    if (name !== '' && !isDns1123Label(name)) errors.push(`${at}.name ${quoted(name)} is not a DNS-1123 label`);
    if (names.has(name)) errors.push(`${at}.name ${quoted(name)} is a duplicate`);
    else names.add(name);
    const protocol = port.protocol ?? 'TCP';
    if (!PROTOCOLS.includes(protocol)) errors.push(`${at}.protocol ${quoted(protocol)} is not one of ${PROTOCOLS.join(', ')}`);
    const appProtocol = appProtocolProblem(at, port);
    if (appProtocol) errors.push(appProtocol);
  });
  const endpoints = listOf(slice.endpoints);
  if (endpoints.length > MAX_SLICE_ENDPOINTS) return [...errors, `endpoints has ${endpoints.length} entries, more than ${MAX_SLICE_ENDPOINTS}`];
  const strict = facts.strictIpCidrValidation;
  endpoints.forEach((endpoint, i) => {
    const at = `endpoints[${i}]`;
    const addresses = listOf(endpoint.addresses);
    if (addresses.length === 0) errors.push(`${at}.addresses must contain at least 1 address`);
    else if (addresses.length > MAX_SLICE_ADDRESSES) errors.push(`${at}.addresses has ${addresses.length} entries, more than ${MAX_SLICE_ADDRESSES}`);
    addresses.forEach((address, j) => {
      const problem = sliceAddressProblem(String(address), addressType, strict);
      if (problem) errors.push(`${at}.addresses[${j}] ${quoted(address)} ${problem}`);
    });
    const nodeName = nodeNameProblem(at, endpoint.nodeName);
    if (nodeName) errors.push(nodeName);
    const hostname = hostnameProblem(at, endpoint.hostname, false);
    if (hostname) errors.push(hostname);
    errors.push(...hintErrors(endpoint.hints, at));
  });
  return errors;
}
