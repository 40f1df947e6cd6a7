/**
 * What the endpoint controllers should have published for one Service compared with what the cluster
 * shows, for the endpoints-drift check and `explain`. Reads only the Service's own objects through the index, so a
 * whole-cluster run stays linear in the number of Pods.
 */
import type { CheckContext, ServiceAnalysis } from '../../check.js';
import type { Endpoints, EndpointSlice, Node, Pod, Service } from '../../kubernetes-types.js';
import type { SkippedPod } from '../../predict/predict-endpoint-slices.js';
import {
  diffEndpoints, diffEndpointSlices, predictEndpoints, predictEndpointSlices, predictMirroredSlices, type Difference,
} from '../../predict/index.js';
import { ANNOTATION_OVER_CAPACITY } from '../../predict/predict-endpoints.js';
import { ENDPOINTSLICE_CONTROLLER, LABEL_MANAGED_BY, MIRRORING_CONTROLLER } from '../../predict/service-facts.js';
import { nameKey } from '../../snapshot-index.js';
import { versionFacts } from '../../version/index.js';
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
function nodesOf(context: Pick<CheckContext, 'index'>, pods: Pod[]): Node[] {
  const names = new Set(pods.map((pod) => pod.spec?.nodeName).filter((name): name is string => Boolean(name)));
  return [...names].flatMap((name) => {
    const node = context.index.nodesByName.get(name);
    return node ? [node.object] : [];
  });
}

function slicesManagedBy(context: Pick<CheckContext, 'index'>, analysis: ServiceAnalysis, controller: string): EndpointSlice[] {
  const { namespace, name } = analysis.entry.ref;
  return (context.index.slicesByService.get(nameKey(namespace, name)) ?? [])
    .map((entry) => entry.object)
    .filter((slice) => slice.metadata.labels?.[LABEL_MANAGED_BY] === controller);
}

/** The facts a comparison reads: the snapshot (for what could not be read) and its index. */
type ComparisonContext = Pick<CheckContext, 'snapshot' | 'index'>;

/** Predicted against actual objects of one kind for one Service, with every difference named. */
export interface Comparison<T> {
  /** False when the controller leaves this kind alone for the Service (no selector, ExternalName, no Endpoints to mirror). */
  managed: boolean;
  predicted: T;
  actual: T;
  differences: Difference[];
  /** True when the objects could not be read (forbidden): nothing was compared. */
  unavailable: boolean;
}

/** Both endpoint kinds of one Service: its EndpointSlices (controller-built or mirrored) and its Endpoints object. */
export interface EndpointObjectsComparison {
  slices: Comparison<EndpointSlice[]> & { subject: 'endpointslices' | 'mirrored-endpointslices'; skippedPods: SkippedPod[] };
  endpoints: Comparison<Endpoints | null>;
}

export interface ComparisonOptions {
  /** Compare labels and annotations too (the integration suite does; users care about content). */
  compareMetadata?: boolean;
}

function compareSelectorSlices(context: ComparisonContext, analysis: ServiceAnalysis, pods: Pod[], options: ComparisonOptions): EndpointObjectsComparison['slices'] {
  const service = analysis.entry.object;
  // Without Nodes only zones (and the hints built from them) are unknown; the rest is still compared.
  const unavailable = anyUnavailable(context, 'pods', 'endpointslices');
  const nodesUnknown = anyUnavailable(context, 'nodes');
  const actual = slicesManagedBy(context, analysis, ENDPOINTSLICE_CONTROLLER);
  // The PreferSameTrafficDistribution gate of the server's minor (off in 1.33) decides which hints are written.
  const { preferSameTrafficDistribution } = versionFacts(context.snapshot.kubernetesVersion);
  const prediction = predictEndpointSlices({ service, pods, nodes: nodesOf(context, pods), nodesUnknown, preferSameTrafficDistribution });
  const base = { subject: 'endpointslices' as const, managed: true, predicted: prediction.slices, actual, unavailable, skippedPods: prediction.skippedPods };
  if (unavailable || (!options.compareMetadata && !nodesUnknown && sameSliceContent(prediction.slices, actual))) return { ...base, differences: [] };
  const differences = diffEndpointSlices(prediction.slices, actual, {
    ignoreHints: nodesUnknown || hintsUncertain(service, prediction.hintsPredicted),
    ignoreZone: nodesUnknown,
    ignoreMetadata: !options.compareMetadata,
  });
  return { ...base, differences };
}

function compareMirroredSlices(context: ComparisonContext, analysis: ServiceAnalysis, options: ComparisonOptions): EndpointObjectsComparison['slices'] {
  const { namespace, name } = analysis.entry.ref;
  const unavailable = anyUnavailable(context, 'endpoints', 'endpointslices');
  const endpoints = context.index.endpointsByName.get(nameKey(namespace, name))?.object;
  const managed = endpoints !== undefined && analysis.entry.object.spec?.type !== 'ExternalName';
  const predicted = managed && endpoints ? predictMirroredSlices(analysis.entry.object, endpoints).slices : [];
  const actual = slicesManagedBy(context, analysis, MIRRORING_CONTROLLER);
  const base = { subject: 'mirrored-endpointslices' as const, managed, predicted, actual, unavailable, skippedPods: [] };
  if (unavailable || !managed || (!options.compareMetadata && sameSliceContent(predicted, actual))) return { ...base, differences: [] };
  return { ...base, differences: diffEndpointSlices(predicted, actual, { ignoreMetadata: !options.compareMetadata }) };
}

function compareLegacyEndpoints(context: ComparisonContext, analysis: ServiceAnalysis, pods: Pod[], options: ComparisonOptions): Comparison<Endpoints | null> {
  const { namespace, name } = analysis.entry.ref;
  const unavailable = anyUnavailable(context, 'pods', 'endpoints');
  const actual = context.index.endpointsByName.get(nameKey(namespace, name))?.object ?? null;
  const prediction = predictEndpoints({ service: analysis.entry.object, pods });
  const base = { managed: prediction.managed, predicted: prediction.endpoints, actual, unavailable };
  // Which 1000 addresses survive truncation is not ours to predict.
  if (unavailable || !prediction.managed || prediction.truncated || actual?.metadata.annotations?.[ANNOTATION_OVER_CAPACITY]) return { ...base, differences: [] };
  // An absent object compares like an empty one; say that it is absent.
  const absent: Difference[] = actual === null ? [{ kind: 'missing-object', message: `no Endpoints object ${name}: the Endpoints controller has not written one` }] : [];
  return { ...base, differences: [...absent, ...diffEndpoints(prediction.endpoints, actual, { ignoreMetadata: !options.compareMetadata })] };
}

/**
 * What the endpoint controllers should have published for one Service next to what the cluster shows:
 * the EndpointSlices (controller-built for a selector, mirrored from hand-written Endpoints without one)
 * and the legacy Endpoints object. Shared by endpoints-drift and `explain`.
 */
export function compareEndpointObjects(context: ComparisonContext, analysis: ServiceAnalysis, options: ComparisonOptions = {}): EndpointObjectsComparison {
  const pods = selectedPods(analysis);
  if (!analysis.selector) {
    return {
      slices: compareMirroredSlices(context, analysis, options),
      endpoints: { managed: false, predicted: null, actual: null, differences: [], unavailable: anyUnavailable(context, 'endpoints') },
    };
  }
  return { slices: compareSelectorSlices(context, analysis, pods, options), endpoints: compareLegacyEndpoints(context, analysis, pods, options) };
}

/**
 * Every difference between the predicted and the actual endpoint objects of one Service. Quiet when the
 * objects could not be read, when the controller leaves the Service alone, and when there is nothing to
 * compare (no actual slices: endpointslices-missing reports that; no Endpoints object).
 */
export function findEndpointDrift(context: CheckContext, analysis: ServiceAnalysis): EndpointDrift[] {
  if (analysis.entry.object.spec?.type === 'ExternalName') return [];
  const { slices, endpoints } = compareEndpointObjects(context, analysis);
  const found: EndpointDrift[] = [];
  // Missing controller slices are endpointslices-missing's to report; missing mirrored slices are drift.
  const comparable = slices.actual.length > 0 || slices.subject === 'mirrored-endpointslices';
  if (comparable && slices.differences.length > 0) found.push({ subject: slices.subject, differences: slices.differences });
  if (endpoints.actual && endpoints.differences.length > 0) found.push({ subject: 'endpoints', differences: endpoints.differences });
  return found;
}
