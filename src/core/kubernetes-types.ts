/**
 * The slice of the Kubernetes API the analysis reads, as plain JSON objects. Both manifest files and a
 * live cluster produce these shapes, so the core never depends on a client library.
 */

export type LabelMap = Record<string, string>;

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  labels?: LabelMap;
  annotations?: LabelMap;
  ownerReferences?: OwnerReference[];
  deletionTimestamp?: string;
  creationTimestamp?: string;
  finalizers?: string[];
}

export interface OwnerReference {
  apiVersion?: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

export interface ServicePort {
  name?: string;
  protocol?: string;
  appProtocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface ServiceSpec {
  type?: string;
  selector?: LabelMap | null;
  ports?: ServicePort[];
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  externalName?: string;
  externalIPs?: string[];
  sessionAffinity?: string;
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
  publishNotReadyAddresses?: boolean;
  internalTrafficPolicy?: string;
  externalTrafficPolicy?: string;
  trafficDistribution?: string;
  loadBalancerIP?: string;
  loadBalancerSourceRanges?: string[];
  loadBalancerClass?: string;
  allocateLoadBalancerNodePorts?: boolean;
  healthCheckNodePort?: number;
}

export interface Service {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: ServiceSpec;
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
  hostPort?: number;
  hostIP?: string;
}

export interface Container {
  name: string;
  image?: string;
  ports?: ContainerPort[];
  restartPolicy?: string;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
}

/** A container probe; only the handler's port and the timings matter to the checks. */
export interface Probe {
  httpGet?: { port?: number | string; path?: string; host?: string; scheme?: string };
  tcpSocket?: { port?: number | string; host?: string };
  grpc?: { port?: number; service?: string };
  exec?: { command?: string[] };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  nodeName?: string;
  hostname?: string;
  subdomain?: string;
  readinessGates?: { conditionType: string }[];
  hostNetwork?: boolean;
  restartPolicy?: string;
  activeDeadlineSeconds?: number;
}

export interface PodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface ContainerStatus {
  name: string;
  ready: boolean;
  restartCount?: number;
  started?: boolean;
  state?: {
    waiting?: { reason?: string; message?: string };
    running?: { startedAt?: string };
    terminated?: { reason?: string; exitCode?: number; message?: string };
  };
}

export interface PodStatus {
  phase?: string;
  podIP?: string;
  podIPs?: { ip: string }[];
  hostIP?: string;
  conditions?: PodCondition[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  reason?: string;
  message?: string;
}

export interface Pod {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: PodSpec;
  status?: PodStatus;
}

export interface PodTemplateSpec {
  metadata?: ObjectMeta;
  spec?: PodSpec;
}

/** Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job or CronJob. */
export interface Workload {
  apiVersion?: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: {
    replicas?: number;
    selector?: unknown;
    serviceName?: string;
    template?: PodTemplateSpec;
    parallelism?: number;
    jobTemplate?: { spec?: { template?: PodTemplateSpec; parallelism?: number } };
  };
  status?: { replicas?: number; readyReplicas?: number };
}

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind?: string; namespace?: string; name?: string; uid?: string };
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol?: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

export interface Endpoints {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  subsets?: EndpointSubset[];
}

export interface SliceEndpoint {
  addresses: string[];
  conditions?: { ready?: boolean | null; serving?: boolean | null; terminating?: boolean | null };
  hostname?: string;
  nodeName?: string;
  zone?: string;
  targetRef?: { kind?: string; namespace?: string; name?: string; uid?: string };
  hints?: { forZones?: { name: string }[]; forNodes?: { name: string }[] };
}

export interface EndpointSlice {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  addressType: string;
  endpoints?: SliceEndpoint[] | null;
  ports?: EndpointPort[] | null;
}

export interface Node {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  status?: { addresses?: { type: string; address: string }[] };
}

export interface Namespace {
  metadata: ObjectMeta;
}

/** metav1.LabelSelector: every matchLabels pair and every matchExpressions requirement must hold. */
export interface LabelSelector {
  matchLabels?: LabelMap | null;
  matchExpressions?: { key: string; operator: string; values?: string[] | null }[] | null;
}

/** Which namespaces a Prometheus-operator monitor looks in; default: its own. */
export interface MonitorNamespaceSelector {
  any?: boolean;
  matchNames?: string[];
}

/** monitoring.coreos.com/v1 ServiceMonitor: scrapes the endpoints of the Services its selector matches. */
export interface ServiceMonitor {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: {
    selector?: LabelSelector;
    namespaceSelector?: MonitorNamespaceSelector;
    endpoints?: { port?: string; targetPort?: number | string; path?: string }[];
  };
}

/** monitoring.coreos.com/v1 PodMonitor: scrapes the Pods its selector matches, by container port name. */
export interface PodMonitor {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: {
    selector?: LabelSelector;
    namespaceSelector?: MonitorNamespaceSelector;
    podMetricsEndpoints?: { port?: string; portNumber?: number; targetPort?: number | string; path?: string }[];
  };
}

/** policy/v1 PodDisruptionBudget: how many of the Pods its selector matches must stay available. */
export interface PodDisruptionBudget {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: { selector?: LabelSelector | null; minAvailable?: number | string; maxUnavailable?: number | string };
  status?: { observedGeneration?: number; expectedPods?: number; desiredHealthy?: number; currentHealthy?: number; disruptionsAllowed?: number };
}
