import type { Service } from './kubernetes-types.js';
import type { Severity, NearMiss, PortExplanation } from './report.js';
import type { Entry, ObjectRef, Snapshot, SnapshotPod, SourceLocation } from './snapshot.js';
import type { SnapshotIndex } from './snapshot-index.js';

export type AnalysisMode = 'manifests' | 'cluster';

/** What a check is, for docs, SARIF rules and --ignore; the function lives beside it. */
export interface CheckMeta {
  id: string;
  severity: Severity;
  title: string;
  modes: readonly AnalysisMode[];
  /** What the finding means and how to fix it, in a few sentences (README and SARIF help). */
  help: string;
}

/** The facts about one Service that most checks need, computed once. */
export interface ServiceAnalysis {
  entry: Entry<Service>;
  /** The effective selector: null when Kubernetes treats it as absent (nil, empty, ExternalName). */
  selector: Record<string, string> | null;
  matched: SnapshotPod[];
  nearMisses: NearMiss[];
  nearMissTotal: number;
  /** How many of the near misses point at a mistake rather than at another app; they come first. */
  tellingNearMisses: number;
  ports: PortExplanation[];
}

export interface CheckContext {
  snapshot: Snapshot;
  index: SnapshotIndex;
  services: ServiceAnalysis[];
}

/** A finding as a check reports it; the engine adds the check id, suppression and defaults. */
export interface CheckResult {
  object: ObjectRef;
  message: string;
  location?: SourceLocation;
  /** Overrides the check's default severity for this finding. */
  severity?: Severity;
}

export interface Check extends CheckMeta {
  run(context: CheckContext): CheckResult[];
}
