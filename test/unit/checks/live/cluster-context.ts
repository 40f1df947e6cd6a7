/** Builds a CheckContext for a live cluster state from plain objects, as analyze() would. */
import type { CheckContext } from '../../../../src/core/check.js';
import { analyzeService } from '../../../../src/core/explain-service.js';
import type { Endpoints, EndpointSlice, Node, Pod, Service } from '../../../../src/core/kubernetes-types.js';
import { emptySnapshot } from '../../../../src/core/snapshot.js';
import { buildIndex } from '../../../../src/core/snapshot-index.js';

export interface ClusterState {
  services?: Service[];
  pods?: Pod[];
  endpoints?: Endpoints[];
  slices?: EndpointSlice[];
  nodes?: Node[];
  unavailable?: string[];
}

const refOf = (kind: string, object: { metadata: { namespace?: string; name?: string } }) => ({
  kind,
  namespace: object.metadata.namespace ?? '',
  name: object.metadata.name ?? '',
});

/** The context checks receive for this cluster state. */
export function clusterContext(state: ClusterState): CheckContext {
  const snapshot = emptySnapshot('cluster');
  snapshot.services = (state.services ?? []).map((object) => ({ object, ref: refOf('Service', object) }));
  snapshot.pods = (state.pods ?? []).map((pod) => ({ ref: refOf('Pod', pod), labels: pod.metadata.labels ?? {}, spec: pod.spec ?? {}, pod }));
  snapshot.endpoints = (state.endpoints ?? []).map((object) => ({ object, ref: refOf('Endpoints', object) }));
  snapshot.endpointSlices = (state.slices ?? []).map((object) => ({ object, ref: refOf('EndpointSlice', object) }));
  snapshot.nodes = (state.nodes ?? []).map((object) => ({ object, ref: refOf('Node', object) }));
  snapshot.unavailable = state.unavailable ?? [];
  const index = buildIndex(snapshot);
  return { snapshot, index, services: snapshot.services.map((entry) => analyzeService(index, entry)) };
}
