import type { Check } from '../../check.js';
import type { Service } from '../../kubernetes-types.js';
import type { SnapshotPod } from '../../snapshot.js';
import { nameKey } from '../../snapshot-index.js';
import { effectiveSelector, matchesSelector } from '../../selector.js';
import { podFindings, type PodIssue } from '../../checks/pod-findings.js';

/** StatefulSets set their Pods' subdomain to spec.serviceName themselves; the statefulset-service checks cover them. */
function ownedByStatefulSet(pod: SnapshotPod): boolean {
  return (pod.template?.workload ?? pod.owner)?.kind === 'StatefulSet';
}

function issue(pod: SnapshotPod, subdomain: string, service: Service | undefined): PodIssue | null {
  const namespace = pod.ref.namespace;
  const perPodName = `${pod.spec.hostname ?? '<hostname>'}.${subdomain}.${namespace}.svc.<cluster domain>`;
  if (!service) {
    return { key: `missing/${subdomain}`, message: (subject) => `${subject} sets subdomain "${subdomain}", but no Service of that name exists in namespace ${namespace}: the cluster DNS serves no per-Pod name (${perPodName}). Create a headless Service named ${subdomain} that selects these Pods, or fix spec.subdomain.` };
  }
  if (service.spec?.type === 'ExternalName' || service.spec?.clusterIP !== 'None') {
    const what = service.spec?.type === 'ExternalName' ? 'type ExternalName' : `not headless (clusterIP ${service.spec?.clusterIP ?? 'assigned by the cluster'})`;
    return { key: `not-headless/${subdomain}`, message: (subject) => `${subject} sets subdomain "${subdomain}", but Service ${namespace}/${subdomain} is ${what}: CoreDNS answers its name with the Service's own address and serves no per-Pod name (${perPodName}). Make it headless (clusterIP: None).` };
  }
  const selector = effectiveSelector(service);
  if (selector && !matchesSelector(pod.labels, selector)) {
    return { key: `not-selected/${subdomain}`, message: (subject) => `${subject} sets subdomain "${subdomain}", but headless Service ${namespace}/${subdomain} does not select it: it gets no endpoint there and so no per-Pod name (${perPodName}). Make the Service's selector match the Pod labels.` };
  }
  if (!pod.spec.hostname) {
    return { key: `no-hostname/${subdomain}`, severity: 'info', message: (subject) => `${subject} sets subdomain "${subdomain}" but no hostname: the endpoint controller publishes no hostname, so CoreDNS names the Pod only after its address (10-244-0-5.${subdomain}.${namespace}.svc.<cluster domain>). Set spec.hostname for a stable name.` };
  }
  return null;
}

/** A Pod's subdomain promises hostname.subdomain.namespace.svc names only a headless Service selecting it delivers. */
export const podSubdomainWithoutHeadlessService: Check = {
  id: 'pod-subdomain-without-headless-service',
  severity: 'warning',
  title: 'Pod subdomain names no headless Service that selects the Pod',
  modes: ['manifests', 'cluster'],
  help:
    'A Pod with spec.hostname and spec.subdomain gets the DNS name hostname.subdomain.namespace.svc.<cluster domain> only ' +
    'when a headless Service (clusterIP: None) named like the subdomain, in the same namespace, selects it: the ' +
    'EndpointSlice controller then publishes the hostname and CoreDNS serves the name. Create that Service (or make it ' +
    'headless, or fix its selector), or correct spec.subdomain. Without spec.hostname the Pod is named after its address.',
  run(context) {
    if (context.snapshot.unavailable.includes('services')) return [];
    return podFindings(context, (pod) => {
      const subdomain = pod.spec.subdomain;
      if (!subdomain || ownedByStatefulSet(pod)) return [];
      const found = issue(pod, subdomain, context.index.servicesByName.get(nameKey(pod.ref.namespace, subdomain))?.object);
      return found ? [found] : [];
    });
  },
};
