import type { Check } from '../check.js';
import { formatRef } from '../snapshot.js';
import { onWorkload, statefulSetsWithServiceName } from './statefulset-service.js';

/** A governing Service with a ClusterIP gives no per-Pod DNS records. */
export const statefulSetServiceNotHeadless: Check = {
  id: 'statefulset-service-not-headless',
  severity: 'warning',
  title: 'StatefulSet serviceName names a Service that is not headless',
  modes: ['manifests', 'cluster'],
  help:
    'Per-Pod DNS names (name-0.service.namespace.svc) exist only for a headless governing Service: the cluster DNS (CoreDNS) ' +
    'answers a Service with a cluster IP by that IP alone and serves no name per Pod. The Service named by spec.serviceName ' +
    'has a cluster IP, so the Pods resolve under no name of their own. Set clusterIP: None on it (a new Service; clusterIP cannot be changed in place), ' +
    'and keep a separate ClusterIP Service for load-balanced access if needed.',
  run(context) {
    return statefulSetsWithServiceName(context)
      .filter(({ service }) => service && service.spec?.clusterIP !== 'None')
      .map(({ workload, serviceName, service }) =>
        onWorkload(
          workload,
          `${formatRef(workload.ref)} has serviceName "${serviceName}", but that Service is not headless (clusterIP ${service?.spec?.clusterIP ?? 'assigned by the cluster'}), so its Pods resolve under no per-Pod name: ${workload.ref.name}-0.${serviceName}.${workload.ref.namespace}.svc does not exist, the cluster DNS answers ${serviceName} with the ClusterIP only. Set clusterIP: None.`,
        ),
      );
  },
};
