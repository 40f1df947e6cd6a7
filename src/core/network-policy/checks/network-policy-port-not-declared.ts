import type { Check, CheckResult } from '../../check.js';
import { containerPortProtocol, describeDeclaredPorts, findPort, servingContainers } from '../../find-port.js';
import { effectiveSelector, matchesSelector } from '../../selector.js';
import { formatRef, type SnapshotPod } from '../../snapshot.js';
import { policyPortProtocol } from '../policy-defaults.js';
import { onPolicy, podsSelectedBy, policiesReadable } from './policy-helpers.js';

function declares(pod: SnapshotPod, test: (port: { name?: string; containerPort: number; protocol?: string }) => boolean): boolean {
  return servingContainers(pod.spec).some((container) => (container.ports ?? []).some(test));
}

/** Ingress rules whose port no selected Pod has: a name nobody declares, or the Service port instead of the targetPort. */
export const networkPolicyPortNotDeclared: Check = {
  id: 'network-policy-port-not-declared',
  severity: 'warning',
  title: 'NetworkPolicy allows a port the selected Pods do not have',
  modes: ['manifests', 'cluster'],
  help:
    "An ingress rule's port is matched against the connection as it reaches the Pod. A named port resolves to a container " +
    'port of that name and protocol on each Pod; when no selected Pod declares it, the rule allows nothing. A number that is ' +
    "a Service's port but not what the Pods listen on is the classic mistake: kube-proxy rewrites the destination to the " +
    'targetPort before the policy sees it. Use the container port (or its name) in the rule.',
  run(context) {
    if (!policiesReadable(context)) return [];
    const results: CheckResult[] = [];
    for (const entry of context.snapshot.networkPolicies) {
      const selected = podsSelectedBy(context, entry);
      if (selected.length === 0) continue;
      (entry.object.spec?.ingress ?? []).forEach((rule, ruleIndex) => {
        for (const port of rule.ports ?? []) {
          if (port.port === undefined || port.port === null) continue;
          const protocol = policyPortProtocol(port);
          const where = `${formatRef(entry.ref)} spec.ingress[${ruleIndex}]`;
          if (typeof port.port === 'string') {
            const name = port.port;
            if (selected.some((pod) => declares(pod, (declared) => declared.name === name && containerPortProtocol(declared) === protocol))) continue;
            const have = [...new Set(selected.flatMap((pod) => describeDeclaredPorts(pod.spec)))];
            results.push(onPolicy(entry, `${where} allows port "${name}"/${protocol}, but none of the ${selected.length} Pods it selects declares a ${protocol} container port of that name (they declare: ${have.join(', ') || 'no ports'}): the rule allows nothing.`));
            continue;
          }
          if (port.endPort) continue;
          const number = port.port;
          if (selected.some((pod) => declares(pod, (declared) => declared.containerPort === number && containerPortProtocol(declared) === protocol))) continue;
          const service = context.services.find((candidate) => {
            const selector = effectiveSelector(candidate.entry.object);
            return candidate.entry.ref.namespace === entry.ref.namespace && selector !== null && selected.some((pod) => matchesSelector(pod.labels, selector));
          });
          const servicePort = service?.entry.object.spec?.ports?.find((candidate) => candidate.port === number && (candidate.protocol || 'TCP') === protocol);
          if (!service || !servicePort) continue;
          const target = selected.map((pod) => findPort(pod.spec, servicePort)?.port).find((value) => value !== undefined);
          if (target === undefined || target === number) continue;
          results.push(onPolicy(entry, `${where} allows port ${number}/${protocol}, which is the port of ${formatRef(service.entry.ref)}, but its Pods receive the traffic on targetPort ${target}: policies see the port after kube-proxy's DNAT, so allow ${target}${typeof servicePort.targetPort === 'string' ? ` (or the name "${servicePort.targetPort}")` : ''}.`));
        }
      });
    }
    return results;
  },
};
