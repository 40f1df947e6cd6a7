import type { Check } from '../../check.js';
import { LABEL_SERVICE_NAME } from '../../predict/service-facts.js';
import { nameKey } from '../../snapshot-index.js';
import { onService, serviceName } from '../check-helpers.js';
import { anyUnavailable, countPods, selectedPods } from './live-helpers.js';

/** Without any EndpointSlice kube-proxy and DNS know no backend, whatever the Pods look like. */
export const endpointSlicesMissing: Check = {
  id: 'endpointslices-missing',
  severity: 'error',
  title: 'Service with a selector and Pods has no EndpointSlice',
  modes: ['cluster'],
  help:
    'The EndpointSlice controller publishes at least one EndpointSlice (labelled kubernetes.io/service-name) for ' +
    'every Service with a selector, even an empty one. This Service selects Pods but has none, so kube-proxy and ' +
    'cluster DNS know no backend for it and connections fail. Right after the Service was created this is a delay; ' +
    'otherwise check that kube-controller-manager runs (with the endpointslice controller enabled) and its logs, ' +
    'and that no tool deletes the slices. Skipped when EndpointSlices could not be read.',
  run(context) {
    if (anyUnavailable(context, 'endpointslices')) return [];
    return context.services.flatMap((analysis) => {
      if (!analysis.selector) return [];
      const pods = selectedPods(analysis);
      const { namespace, name } = analysis.entry.ref;
      if (pods.length === 0 || context.index.slicesByService.has(nameKey(namespace, name))) return [];
      return [
        onService(
          analysis,
          `${serviceName(analysis)} selects ${countPods(pods.length)} but has no EndpointSlice (none labelled ${LABEL_SERVICE_NAME}=${name}), so kube-proxy and DNS know no backend for it: check that kube-controller-manager and its endpointslice controller run (their logs, the Service's events), then re-run.`,
        ),
      ];
    });
  },
};
