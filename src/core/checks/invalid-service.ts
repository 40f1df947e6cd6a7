import type { Check } from '../check.js';
import type { Service } from '../kubernetes-types.js';
import { servicePortProtocol, serviceTargetPort } from '../find-port.js';
import { serviceSpecErrors } from './service-spec-rules.js';
import { serviceType } from '../selector.js';
import {
  isDns1123Label,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNumber,
} from '../validation.js';
import { onService, serviceName } from './check-helpers.js';
import { serviceNameError, trafficDistributionError } from './versioned-service-rules.js';
import { factsForMinor, minorNumber, NEWEST_MINOR } from '../version/index.js';

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/** Every reason the API server of this minor (default: the newest supported) would reject the Service, each as a short phrase. */
export function serviceValidationErrors(service: Service, minor: number = NEWEST_MINOR): string[] {
  const errors: string[] = [];
  const facts = factsForMinor(minor);
  const spec = service.spec ?? {};
  const nameError = serviceNameError(service.metadata.name ?? '', facts, minor);
  if (nameError) errors.push(nameError);
  const distributionError = trafficDistributionError(service, facts, minor);
  if (distributionError) errors.push(distributionError);
  const type = serviceType(service);
  if (!SERVICE_TYPES.includes(type)) errors.push(`spec.type "${type}" is not one of ${SERVICE_TYPES.join(', ')}`);
  if (type === 'ExternalName' && (spec.externalName ?? '').replace(/\.$/, '') === '') errors.push('spec.externalName is required for type ExternalName');
  const ports = spec.ports ?? [];
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0 && !headless && type !== 'ExternalName') errors.push('spec.ports is required (at least one port) unless the Service is headless');
  const names = new Set<string>();
  const portProtocols = new Set<string>();
  // Messages name spec.ports[i] inline: built only for a port that has an error.
  ports.forEach((port, i) => {
    if (ports.length > 1 && !port.name) errors.push(`spec.ports[${i}].name is required when a Service has more than one port`);
    if (port.name && !isDns1123Label(port.name)) errors.push(`spec.ports[${i}].name "${port.name}" is not a DNS-1123 label`);
    if (port.name && names.has(port.name)) errors.push(`spec.ports[${i}].name "${port.name}" is a duplicate`);
    if (port.name) names.add(port.name);
    if (!isValidPortNumber(port.port)) errors.push(`spec.ports[${i}].port ${JSON.stringify(port.port)} is not between 1 and 65535`);
    const protocol = servicePortProtocol(port);
    if (!PROTOCOLS.includes(protocol)) errors.push(`spec.ports[${i}].protocol "${protocol}" is not one of ${PROTOCOLS.join(', ')}`);
    const key = `${port.port}/${protocol}`;
    if (portProtocols.has(key)) errors.push(`spec.ports[${i}] duplicates port ${key}`);
    portProtocols.add(key);
    const target = serviceTargetPort(port);
    if (typeof target === 'string' && !isValidPortName(target)) {
      errors.push(`spec.ports[${i}].targetPort "${target}" is neither a number nor a valid port name (at most 15 lowercase letters, digits and "-", with a letter)`);
    } else if (typeof target === 'number' && target !== 0 && !isValidPortNumber(target)) {
      errors.push(`spec.ports[${i}].targetPort ${target} is not between 1 and 65535`);
    }
  });
  for (const [key, value] of Object.entries(spec.selector ?? {})) {
    if (!isQualifiedName(key)) errors.push(`spec.selector key "${key}" is not a valid label key`);
    if (typeof value !== 'string' || !isValidLabelValue(value)) errors.push(`spec.selector value ${JSON.stringify(value)} for "${key}" is not a valid label value`);
  }
  errors.push(...serviceSpecErrors(service, type, facts));
  return errors;
}

/** What the API server would refuse: better found in CI than by a failed deploy. */
export const invalidService: Check = {
  id: 'invalid-service',
  severity: 'error',
  title: 'Service the API server would reject',
  modes: ['manifests'],
  help:
    'The API server validates Services: several ports need unique names, port and protocol pairs must be unique, ' +
    'ports lie between 1 and 65535, a named targetPort is an IANA service name, and selector keys and values must be ' +
    'valid label syntax. The rest of the create-time validation is checked too, after the API server\'s defaulting: fields that ' +
    'only some types take (clusterIP None on a NodePort or LoadBalancer, a nodePort on a ClusterIP Service, cluster IPs or ' +
    'IP families on an ExternalName, whose name must be a DNS subdomain; source ranges, loadBalancerClass, ' +
    'allocateLoadBalancerNodePorts and healthCheckNodePort where they do not apply), the cluster IP and IP family fields, ' +
    'nodePorts (one per port number, inside the default range 30000-32767), sessionAffinity and its timeout, externalIPs ' +
    '(no loopback, link-local or unspecified address), externalTrafficPolicy and internalTrafficPolicy values, appProtocol, ' +
    'the topology annotations, and the Service\'s namespace, labels and annotations. Two rules follow the Kubernetes version (lint --kubernetes-version, default the newest supported): ' +
    'from 1.36 a Service name may start with a digit (before, it must start with a letter), and trafficDistribution ' +
    'accepts PreferSameZone and PreferSameNode from 1.34 (before, only PreferClose); from 1.36 IP addresses and CIDRs may not ' +
    'have leading zeros or be IPv4-mapped IPv6, and a source range may not have bits past its prefix. Fix the field named in the message; ' +
    '`kubectl apply --dry-run=server` shows the same error (but for a nodePort outside the range, which a dry run does not ' +
    'allocate and only a real create refuses).',
  run(context) {
    const minor = minorNumber(context.snapshot.kubernetesVersion);
    return context.services.flatMap((analysis) =>
      serviceValidationErrors(analysis.entry.object, minor).map((error) =>
        onService(analysis, `${serviceName(analysis)} would be rejected by the API server: ${error}.`),
      ),
    );
  },
};
