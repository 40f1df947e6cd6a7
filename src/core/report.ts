import type { LabelMap } from './kubernetes-types.js';
import type { ObjectRef, SourceLocation } from './snapshot.js';
import type { KubernetesVersion } from './version/kubernetes-version.js';

export type Severity = 'error' | 'warning' | 'info';

/** Severities from most to least serious; the index is the rank used by --fail-on. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** One problem found with one object. Part of the documented JSON contract. */
export interface Finding {
  check: string;
  severity: Severity;
  suppressed: boolean;
  object: ObjectRef;
  message: string;
  location?: SourceLocation;
  /** Why a suppressed finding is suppressed: the Service's `svc-explain/ignore` annotation, or --ignore. */
  suppressedBy?: 'annotation' | 'flag';
}

/** A Pod or workload the selector matches, with how many Pods it stands for. */
export interface MatchedObject extends ObjectRef {
  /** Desired replicas for templates; null when unknown (DaemonSet); absent for real Pods. */
  replicas?: number | null;
  /** The owning workload of a real Pod. */
  workload?: ObjectRef;
  /** For real Pods: whether the Pod's Ready condition is True. */
  ready?: boolean;
}

/** How one object's labels differ from one selector pair. */
export interface LabelDifference {
  selectorKey: string;
  want: string;
  /** The label key the object has instead (same key, or a look-alike); null when it has none. */
  actualKey: string | null;
  actualValue: string | null;
}

/** An object that would be selected but for one label. */
export interface NearMiss {
  object: ObjectRef;
  differences: LabelDifference[];
}

export type PortResolutionStatus =
  | 'resolved' // named targetPort found with the right protocol, or numeric port declared
  | 'not-declared' // numeric targetPort not among the containerPorts (Kubernetes still uses it)
  | 'name-not-found' // named targetPort absent: the port is left out for this Pod
  | 'protocol-mismatch'; // the name or number exists with another protocol

/** What one Service port becomes on one selected object. */
export interface PortResolution {
  object: ObjectRef;
  status: PortResolutionStatus;
  /** The port number traffic is sent to, when the port resolves. */
  port?: number;
  container?: string;
  /** For protocol-mismatch: the protocol the Pod declares. */
  declaredProtocol?: string;
}

export interface PortExplanation {
  name?: string;
  port: number;
  protocol: string;
  targetPort: number | string;
  nodePort?: number;
  resolutions: PortResolution[];
}

/** What svc-explain knows about one Service. Part of the documented JSON contract. */
export interface ServiceExplanation {
  namespace: string;
  name: string;
  type: string;
  selector: LabelMap | null;
  matches: MatchedObject[];
  nearMisses: NearMiss[];
  /** How many near misses there were before the list was cut to the closest ones. */
  nearMissTotal: number;
  /**
   * 'telling' when the near misses look like mistakes (a look-alike key or value, a missing key);
   * 'weak' when nothing comes close and they are only the nearest other values; null without any.
   */
  nearMissKind: 'telling' | 'weak' | null;
  ports: PortExplanation[];
  location?: SourceLocation;
}

export interface Summary {
  services: number;
  objects: number;
  findings: Record<Severity, number>;
  suppressed: number;
}

/** The whole result of an analysis; renderers turn it into text. */
export interface Report {
  findings: Finding[];
  services: ServiceExplanation[];
  summary: Summary;
  /** Things the analysis could not look at, said once (for example a forbidden resource). */
  notes: string[];
  /** The Kubernetes version the findings and predictions are for. */
  kubernetesVersion?: KubernetesVersion;
}
