import type { Check } from '../../check.js';
import { formatRef } from '../../snapshot.js';
import { policyContextOf } from '../policy-context.js';
import { serviceAccess } from '../service-access.js';
import { policiesReadable } from './policy-helpers.js';

/** A Service whose Pods accept no connection on any of its ports: every client is refused by policy. */
export const networkPolicyDeniesAll: Check = {
  id: 'network-policy-denies-all',
  severity: 'info',
  title: 'NetworkPolicies deny every client on every Service port',
  modes: ['manifests', 'cluster'],
  help:
    'Every Pod the Service selects is isolated for ingress by a NetworkPolicy, and no ingress rule of those policies allows ' +
    "the port the Service delivers to (the resolved targetPort, after kube-proxy's DNAT), so every connection is dropped. " +
    'That can be intended (a Service kept dark); otherwise add an ingress rule that allows the clients on the targetPort, ' +
    'and check with `kubectl svc-explain can-reach --from CLIENT SERVICE`.',
  run(context) {
    if (!policiesReadable(context) || context.snapshot.networkPolicies.length === 0) return [];
    const policyContext = policyContextOf(context.snapshot);
    return context.services.flatMap((service) => {
      if (service.matched.length === 0) return [];
      const ports = serviceAccess(policyContext, service.entry.object, service.matched);
      const all = ports.flatMap((port) => port.pods);
      if (all.length === 0 || !all.some((pod) => pod.access === 'nobody') || !all.every((pod) => pod.access === 'nobody' || pod.access === 'no-port')) return [];
      const isolating = [...new Set(all.flatMap((pod) => pod.isolatedBy))].sort();
      const targets = ports.map((port) => `${port.port} (${[...new Set(port.pods.flatMap((pod) => (pod.port === null ? [] : [`${pod.port}/${port.protocol}`])))].join(', ') || 'unresolved'})`);
      return [{
        object: service.entry.ref,
        ...(service.entry.location ? { location: service.entry.location } : {}),
        message: `${formatRef(service.entry.ref)}: NetworkPolicies ${isolating.join(', ')} isolate all its Pods and no ingress rule allows ${targets.join(', ')}: every client is refused. Add an ingress rule for the targetPort if clients should connect.`,
      }];
    });
  },
};
