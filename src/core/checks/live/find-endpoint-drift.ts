/**
 * What the endpoint controllers should have published for one Service compared with what the cluster
 * shows, for the endpoints-drift check. Reads only the Service's own objects through the index, so a
 * whole-cluster run stays linear in the number of Pods.
 */
import type { CheckContext, ServiceAnalysis } from '../../check.js';
import type { EndpointSlice, Node, Pod, Service } from '../../kubernetes-types.js';
import {
  diffEndpoints, diffEndpointSlices, predictEndpoints, predictEndpointSlices, predictMirroredSlices, type Difference,
} from '../../predict/index.js';
import { ANNOTATION_OVER_CAPACITY } from '../../predict/predict-endpoints.js';
import { ENDPOINTSLICE_CONTROLLER, LABEL_MANAGED_BY, MIRRORING_CONTROLLER } from '../../predict/service-facts.js';
import { nameKey } from '../../snapshot-index.js';
import { anyUnavailable, selectedPods } from './live-helpers.js';
import { sameSliceContent } from './slice-content.js';

/** Which objects were compared: controller-built slices, the legacy Endpoints, or slices mirrored from hand-written Endpoints. */
export type DriftSubject = 'endpointslices' | 'endpoints' | 'mirrored-endpointslices';

/** The differences found for one kind of object; only comparisons that found something are returned. */
export interface EndpointDrift {
  subject: DriftSubject;
  differences: Difference[];
}

/** Hints that depend on node CPU (topology-mode Auto) or on the cluster version (PreferSame*) are not compared. */
function hintsUncertain(service: Service, hintsPredicted: boolean): boolean {
  const distribution = service.spec?.trafficDistribution;
  return !hintsPredicted || distribution === 'PreferSameZone' || distribution === 'PreferSameNode';
}

/** The Nodes the Pods run on, looked up by name, rather than every Node of the cluster for every Service. */
function nodesOf(context: CheckContext, pods: Pod[]): Node[] {
  const names = new Set(pods.map((pod) => pod.spec?.nodeName).filter((name): name is string => Boolean(name)));
  return [...names].flatMap((name) => {
    const node = context.index.nodesByName.get(name);
    return node ? [node.object] : [];
  });
}

function slicesManagedBy(context: CheckContext, analysis: ServiceAnalysis, controller: string): EndpointSlice[] {
  const { namespace, name } = analysis.entry.ref;
  return (context.index.slicesByService.get(nameKey(namespace, name)) ?? [])
    .map((entry) => entry.object)
    .filter((slice) => slice.metadata.labels?.[LABEL_MANAGED_BY] === controller);
}

function selectorSliceDrift(context: CheckContext, analysis: ServiceAnalysis, pods: Pod[]): Difference[] {
  if (anyUnavailable(context, 'pods', 'endpointslices', 'nodes')) return [];
  const actual = slicesManagedBy(context, analysis, ENDPOINTSLICE_CONTROLLER);
  if (actual.length === 0) return [];
  const service = analysis.entry.object;
  const prediction = predictEndpointSlices({ service, pods, nodes: nodesOf(context, pods) });
  if (sameSliceContent(prediction.slices, actual)) return [];
  return diffEndpointSlices(prediction.slices, actual, { ignoreHints: hintsUncertain(service, prediction.hintsPredicted), ignoreMetadata: true });
}

function selectorEndpointsDrift(context: CheckContext, analysis: ServiceAnalysis, pods: Pod[]): Difference[] {
  if (anyUnavailable(context, 'pods', 'endpoints')) return [];
  const { namespace, name } = analysis.entry.ref;
  const actual = context.index.endpointsByName.get(nameKey(namespace, name))?.object;
  if (!actual || actual.metadata.annotations?.[ANNOTATION_OVER_CAPACITY]) return [];
  const prediction = predictEndpoints({ service: analysis.entry.object, pods });
  // Which 1000 addresses survive truncation is not ours to predict.
  if (!prediction.managed || prediction.truncated) return [];
  return diffEndpoints(prediction.endpoints, actual, { ignoreMetadata: true });
}

function mirroredSliceDrift(context: CheckContext, analysis: ServiceAnalysis): Difference[] {
  if (anyUnavailable(context, 'endpoints', 'endpointslices')) return [];
  const { namespace, name } = analysis.entry.ref;
  const endpoints = context.index.endpointsByName.get(nameKey(namespace, name))?.object;
  if (!endpoints) return [];
  const prediction = predictMirroredSlices(analysis.entry.object, endpoints);
  const actual = slicesManagedBy(context, analysis, MIRRORING_CONTROLLER);
  if (sameSliceContent(prediction.slices, actual)) return [];
  return diffEndpointSlices(prediction.slices, actual, { ignoreMetadata: true });
}

/**
 * Every difference between the predicted and the actual endpoint objects of one Service. Quiet when the
 * objects could not be read, when the controller leaves the Service alone, and when there is nothing to
 * compare (no actual slices: endpointslices-missing reports that; no Endpoints object).
 */
export function findEndpointDrift(context: CheckContext, analysis: ServiceAnalysis): EndpointDrift[] {
  const service = analysis.entry.object;
  if (service.spec?.type === 'ExternalName') return [];
  const found: EndpointDrift[] = [];
  const add = (subject: DriftSubject, differences: Difference[]): void => {
    if (differences.length > 0) found.push({ subject, differences });
  };
  if (analysis.selector) {
    const pods = selectedPods(analysis);
    add('endpointslices', selectorSliceDrift(context, analysis, pods));
    add('endpoints', selectorEndpointsDrift(context, analysis, pods));
  } else {
    add('mirrored-endpointslices', mirroredSliceDrift(context, analysis));
  }
  return found;
}
