import type { Check } from '../../check.js';
import { listSome, onService, serviceName } from '../check-helpers.js';
import { findForeignSlices, hasOwnBackends, type ForeignSlice } from './find-foreign-slices.js';

function describeSlice(found: ForeignSlice): string {
  const manager = found.managedBy ? `managed-by ${found.managedBy}` : 'no managed-by label';
  const owner = found.owner ? `, owned by ${found.owner}` : '';
  if (found.kind === 'leftover-mirror') return `EndpointSlice ${found.slice.metadata.name} (${manager}${owner}) was mirrored from an Endpoints object that no longer exists`;
  return `EndpointSlice ${found.slice.metadata.name} (${manager}${owner}) is maintained by neither the EndpointSlice nor the mirroring controller`;
}

/** Slices the controllers do not maintain still feed kube-proxy: traffic goes where no Pod of the Service is. */
export const foreignEndpointSlices: Check = {
  id: 'foreign-endpointslices',
  severity: 'info',
  title: 'EndpointSlices that no Kubernetes endpoint controller maintains feed kube-proxy',
  modes: ['cluster'],
  help:
    'kube-proxy merges every EndpointSlice labelled kubernetes.io/service-name=<Service> (unless it carries ' +
    'the service.kubernetes.io/headless label), whoever wrote it. Slices managed by something ' +
    'other than endpointslice-controller.k8s.io or endpointslicemirroring-controller.k8s.io (a service mesh, a ' +
    'multi-cluster controller, a hand-made slice, a slice left by a removed controller), and mirrored slices whose ' +
    'Endpoints object is gone, add backends that no Pod of the Service stands for. Info when the Service has no ' +
    'selector or the slice adds nothing; a warning when it adds backends next to the Service\'s own Pods, which then ' +
    'get only part of the traffic. If the slice is left over, delete it (kubectl delete endpointslice NAME); if a ' +
    'controller writes it on purpose, ignore this finding for the Service.',
  run(context) {
    return context.services.flatMap((analysis) =>
      findForeignSlices(context, analysis).map((found) => {
        const added = found.addedAddresses;
        const splits = added.length > 0 && hasOwnBackends(analysis);
        const effect = added.length === 0
          ? 'it adds no address the controllers do not already publish'
          : `kube-proxy sends part of the traffic to ${listSome(added, 3)}${splits ? ', next to the Service\'s own Pods' : ''}`;
        const advice = found.kind === 'leftover-mirror' || !found.owner
          ? 'If it is left over, delete it.'
          : `If ${found.owner} writes it on purpose, this is expected.`;
        return onService(
          analysis,
          `${serviceName(analysis)}: ${describeSlice(found)}, and kube-proxy reads it too: ${effect}. ${advice}`,
          splits ? 'warning' : 'info',
        );
      }),
    );
  },
};
