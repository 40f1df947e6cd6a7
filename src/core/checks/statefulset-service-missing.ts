import type { Check } from '../check.js';
import { formatRef } from '../snapshot.js';
import { onWorkload, statefulSetsWithServiceName } from './statefulset-service.js';

/** Without its governing Service a StatefulSet's Pods get no stable DNS names (pod-0.service). */
export const statefulSetServiceMissing: Check = {
  id: 'statefulset-service-missing',
  severity: 'warning',
  title: 'StatefulSet serviceName names no Service',
  modes: ['manifests', 'cluster'],
  help:
    'spec.serviceName names the headless Service that gives each Pod a stable DNS name (name-0.service.namespace). ' +
    'No Service of that name exists in the StatefulSet\'s namespace. Create a headless Service (clusterIP: None) with ' +
    'that name whose selector matches the pod template, or correct spec.serviceName.',
  run(context) {
    if (context.snapshot.unavailable.includes('services')) return [];
    return statefulSetsWithServiceName(context)
      .filter(({ service }) => !service)
      .map(({ workload, serviceName }) =>
        onWorkload(
          workload,
          `${formatRef(workload.ref)} has serviceName "${serviceName}", but no Service of that name exists in namespace ${workload.ref.namespace}: create a headless Service named ${serviceName} or fix spec.serviceName.`,
        ),
      );
  },
};
