import type { Check, CheckContext, CheckResult, ServiceAnalysis } from '../check.js';
import { MIRRORING_CONTROLLER, ENDPOINTSLICE_CONTROLLER, LABEL_MANAGED_BY } from '../predict/service-facts.js';
import { serviceType } from '../selector.js';
import { nameKey } from '../snapshot-index.js';
import { onService, serviceName } from './check-helpers.js';

function addressCount(subsets: unknown): number {
  if (!Array.isArray(subsets)) return 0;
  return subsets.reduce((sum: number, subset: { addresses?: unknown[]; notReadyAddresses?: unknown[] }) =>
    sum + (Array.isArray(subset?.addresses) ? subset.addresses.length : 0) + (Array.isArray(subset?.notReadyAddresses) ? subset.notReadyAddresses.length : 0), 0);
}

function findingsFor(context: CheckContext, analysis: ServiceAnalysis): CheckResult[] {
  if (!analysis.selector || serviceType(analysis.entry.object) === 'ExternalName') return [];
  const key = nameKey(analysis.entry.ref.namespace, analysis.entry.ref.name);
  const results: CheckResult[] = [];
  const endpoints = context.index.endpointsByName.get(key);
  if (endpoints) {
    const count = addressCount(endpoints.object.subsets);
    const what = count === 1 ? 'the address written there' : `the ${count} addresses written there`;
    results.push(onService(
      analysis,
      `${serviceName(analysis)} has a selector, so the Endpoints controller owns Endpoints ${endpoints.ref.name} and replaces ${what} with the selected Pods' (${endpoints.location ? `${endpoints.location.file}:${endpoints.location.line}` : 'the hand-written object'}); nothing mirrors it into an EndpointSlice, so kube-proxy never sends traffic there. To use those addresses, remove spec.selector; otherwise drop the Endpoints manifest.`,
    ));
  }
  const written = (context.index.slicesByService.get(key) ?? []).filter((slice) => {
    const manager = slice.object.metadata.labels?.[LABEL_MANAGED_BY];
    return manager !== ENDPOINTSLICE_CONTROLLER && manager !== MIRRORING_CONTROLLER;
  });
  if (written.length > 0) {
    results.push(onService(
      analysis,
      `${serviceName(analysis)} has a selector, and ${written.length === 1 ? `EndpointSlice ${written[0].ref.name} is` : `EndpointSlices ${written.map((s) => s.ref.name).join(', ')} are`} written for it by hand: kube-proxy reads ${written.length === 1 ? 'it' : 'them'} next to the controller's slices, so traffic is spread over the selected Pods and these addresses alike. If that is not meant, drop the ${written.length === 1 ? 'slice' : 'slices'} or the kubernetes.io/service-name label.`,
      'info',
    ));
  }
  return results;
}

/** Hand-written endpoints for a Service the controllers manage: overwritten (Endpoints) or mixed in (slices). */
export const endpointsWithSelector: Check = {
  id: 'endpoints-with-selector',
  severity: 'warning',
  title: 'Hand-written endpoints for a Service that has a selector',
  modes: ['manifests'],
  help:
    'For a Service with a selector the Endpoints controller writes the Endpoints object of its name from the ' +
    'selected Pods, replacing whatever addresses a manifest put there, and the mirroring controller copies only ' +
    'Endpoints of Services without a selector: hand-written addresses never reach kube-proxy (warning). A ' +
    'hand-written EndpointSlice labelled kubernetes.io/service-name is read by kube-proxy next to the ' +
    'controller\'s, so its addresses share the traffic with the Pods (info; meshes and multi-cluster tools do this on ' +
    'purpose). To point a Service at addresses of your own, remove its selector.',
  run(context) {
    return context.services.flatMap((analysis) => findingsFor(context, analysis));
  },
};
