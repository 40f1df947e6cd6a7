import type { Check } from '../../check.js';
import { listSome, onService, serviceName } from '../check-helpers.js';
import { findEndpointDrift, type DriftSubject } from './find-endpoint-drift.js';

const WHAT: Record<DriftSubject, { objects: string; source: string }> = {
  endpointslices: { objects: 'EndpointSlices managed-by endpointslice-controller.k8s.io differ', source: 'the EndpointSlice controller should publish for the Pods it selects' },
  endpoints: { objects: 'Endpoints object differs', source: 'the Endpoints controller should write for the Pods it selects' },
  'mirrored-endpointslices': { objects: 'EndpointSlices managed-by endpointslicemirroring-controller.k8s.io differ', source: 'the mirroring controller should copy from its hand-written Endpoints' },
};

/** The published endpoints disagree with the Pods: a stuck controller, or something else writing the objects. */
export const endpointsDrift: Check = {
  id: 'endpoints-drift',
  severity: 'warning',
  title: 'EndpointSlices or Endpoints differ from what the controllers should publish',
  modes: ['cluster'],
  help:
    'svc-explain predicts the EndpointSlices and the Endpoints object the controllers should publish for the ' +
    'Service (from its Pods, their readiness, IPs, nodes and ports; for a Service without a selector, the slices ' +
    'mirrored from its hand-written Endpoints) and compares them with the cluster\'s, naming each endpoint that is ' +
    'missing, unexpected, or has other ports or conditions. kube-proxy and DNS follow the actual objects, not the ' +
    'Pods. Re-run first, since a change in progress shows as drift for a moment; if it persists, check ' +
    'kube-controller-manager (its logs and the Service\'s events) and any other tool that writes these objects. ' +
    'Objects that could not be read, and Services without any slices or Endpoints to compare, are skipped. Only the ' +
    'slices the controllers own (their managed-by label) are compared; slices other managers write for the Service ' +
    'are foreign-endpointslices\' to report. Without Nodes, zones and hints are not compared.',
  run(context) {
    return context.services.flatMap((analysis) =>
      findEndpointDrift(context, analysis).map(({ subject, differences }) => {
        const { objects, source } = WHAT[subject];
        const listed = listSome(differences.map((difference) => difference.message), 3);
        const count = differences.length === 1 ? '1 difference' : `${differences.length} differences`;
        return onService(
          analysis,
          `${serviceName(analysis)}: its ${objects} from what ${source} (${count}): ${listed}. Re-run to rule out a change in progress; if it persists, check kube-controller-manager logs and whatever else writes these objects.`,
        );
      }),
    );
  },
};
