import type { KubernetesVersion } from './version/kubernetes-version.js';
import type { Endpoints, EndpointSlice, LabelMap, Node, Pod, PodDisruptionBudget, PodMonitor, PodSpec, Service, ServiceMonitor, Workload } from './kubernetes-types.js';
import type { Namespace, NetworkPolicy } from './network-policy/types.js';
import type { Gateway, GatewayClass, GatewayRoute, Ingress, IngressClass, ReferenceGrant } from './routes/types.js';

/** Where an object came from, so findings can point at the file and line a user must edit. */
export interface SourceLocation {
  file: string;
  line: number;
}

/** Identifies an object in findings and reports; namespace is '' for cluster-scoped objects. */
export interface ObjectRef {
  kind: string;
  namespace: string;
  name: string;
}

/** One object of the input together with its identity and origin. */
export interface Entry<T> {
  object: T;
  ref: ObjectRef;
  location?: SourceLocation;
}

/** A workload that owns pod templates (Deployment, StatefulSet, CronJob, ...). */
export interface WorkloadEntry extends Entry<Workload> {
  /** Labels on the pod template, which is what a Service selector actually sees. */
  templateLabels: LabelMap;
  /** Desired replicas; null when it depends on the cluster (DaemonSet: one per node). */
  replicas: number | null;
}

/**
 * Something a Service selector can select: a real Pod from a cluster, or a workload's pod template
 * from a manifest, which stands for the Pods the workload will create.
 */
export interface SnapshotPod {
  /** The object a finding names: the Pod, or the workload whose template this is. */
  ref: ObjectRef;
  labels: LabelMap;
  spec: PodSpec;
  /** The real Pod in cluster mode; absent for templates. */
  pod?: Pod;
  /** For templates: the workload and how many Pods it will run. */
  template?: { workload: ObjectRef; replicas: number | null };
  /** For real Pods: the top-level owning workload (a Deployment rather than its ReplicaSet), when known. */
  owner?: ObjectRef;
  location?: SourceLocation;
}

/** Everything the analysis looks at, from manifests or from a live cluster. */
export interface Snapshot {
  source: 'manifests' | 'cluster';
  services: Entry<Service>[];
  workloads: WorkloadEntry[];
  pods: SnapshotPod[];
  endpoints: Entry<Endpoints>[];
  endpointSlices: Entry<EndpointSlice>[];
  nodes: Entry<Node>[];
  /** NetworkPolicies: who may connect to the selected Pods (ingress) and where they may connect (egress). */
  networkPolicies: Entry<NetworkPolicy>[];
  /** Namespaces, for the labels namespaceSelectors match (manifests may hold none). */
  namespaces: Entry<Namespace>[];
  /** Prometheus-operator ServiceMonitors (monitoring.coreos.com/v1); absent when the source has none to offer. */
  serviceMonitors?: Entry<ServiceMonitor>[];
  /** Prometheus-operator PodMonitors (monitoring.coreos.com/v1). */
  podMonitors?: Entry<PodMonitor>[];
  /** PodDisruptionBudgets (policy/v1): how many Pods their owners expect to keep. */
  podDisruptionBudgets?: Entry<PodDisruptionBudget>[];
  /** networking.k8s.io/v1 Ingresses: host/path rules in front of Services. */
  ingresses?: Entry<Ingress>[];
  /** networking.k8s.io/v1 IngressClasses. */
  ingressClasses?: Entry<IngressClass>[];
  /** Gateway API Gateways (gateway.networking.k8s.io, any served version). */
  gateways?: Entry<Gateway>[];
  /** Gateway API GatewayClasses. */
  gatewayClasses?: Entry<GatewayClass>[];
  /** Gateway API routes of every kind (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute); ref.kind tells which. */
  gatewayRoutes?: Entry<GatewayRoute>[];
  /** Gateway API ReferenceGrants: which cross-namespace backendRefs are allowed. */
  referenceGrants?: Entry<ReferenceGrant>[];
  /** Resource kinds that could not be read (for example forbidden), so checks needing them stay quiet. */
  unavailable: string[];
  /** Things the source noticed that the user should know, shown once (for example duplicate objects). */
  notes: string[];
  /** Objects defined more than once with different content (manifests): each place, the last one wins. */
  redefinitions?: { ref: ObjectRef; locations: SourceLocation[] }[];
  /** The Kubernetes minor to predict for: the server's, or lint's --kubernetes-version; absent = the newest supported. */
  kubernetesVersion?: KubernetesVersion;
}

/** An empty snapshot, for builders and sources to fill in. */
export function emptySnapshot(source: Snapshot['source']): Snapshot {
  return { source, services: [], workloads: [], pods: [], endpoints: [], endpointSlices: [], nodes: [], networkPolicies: [], namespaces: [], unavailable: [], notes: [] };
}

/** The workload a selected object stands for: its owner for real Pods, itself for templates. */
export function workloadOf(pod: SnapshotPod): ObjectRef {
  return pod.template?.workload ?? pod.owner ?? pod.ref;
}

/** "Kind namespace/name", the way findings and tables name an object. */
export function formatRef(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}
