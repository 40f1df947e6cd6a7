import type { ServiceAnalysis } from '../check.js';
import type { PortExplanation, PortResolutionStatus } from '../report.js';
import type { SnapshotPod } from '../snapshot.js';
import { describeDeclaredPorts } from '../find-port.js';
import { listSome } from './check-helpers.js';

/** One Service port with the selected objects sorted by how its targetPort resolved on them. */
export interface PortOutcome {
  port: PortExplanation;
  byStatus: Record<PortResolutionStatus, readonly SnapshotPod[]>;
}

/** The list of a status no object has: shared, since most ports resolve on every object. */
const NONE: readonly SnapshotPod[] = Object.freeze([]);

/** Four checks ask for the same grouping of every Service: it is made once per analysed Service. */
const outcomesByAnalysis = new WeakMap<ServiceAnalysis, PortOutcome[]>();

/** Groups each port's resolutions by status; resolutions are in the same order as analysis.matched. */
export function portOutcomes(analysis: ServiceAnalysis): PortOutcome[] {
  let outcomes = outcomesByAnalysis.get(analysis);
  if (!outcomes) outcomesByAnalysis.set(analysis, (outcomes = groupResolutions(analysis)));
  return outcomes;
}

function groupResolutions(analysis: ServiceAnalysis): PortOutcome[] {
  const { matched } = analysis;
  return analysis.ports.map((port) => {
    const { resolutions } = port;
    // Most ports resolve on every object: then the resolved list is the matched list itself.
    if (resolutions.every((resolution) => resolution.status === 'resolved')) {
      return { port, byStatus: { resolved: matched.length > 0 ? matched : NONE, 'not-declared': NONE, 'name-not-found': NONE, 'protocol-mismatch': NONE } };
    }
    const lists: Record<PortResolutionStatus, SnapshotPod[]> = { resolved: [], 'not-declared': [], 'name-not-found': [], 'protocol-mismatch': [] };
    for (let i = 0; i < resolutions.length; i += 1) lists[resolutions[i].status].push(matched[i]);
    const byStatus = {
      resolved: lists.resolved.length > 0 ? lists.resolved : NONE,
      'not-declared': lists['not-declared'].length > 0 ? lists['not-declared'] : NONE,
      'name-not-found': lists['name-not-found'].length > 0 ? lists['name-not-found'] : NONE,
      'protocol-mismatch': lists['protocol-mismatch'].length > 0 ? lists['protocol-mismatch'] : NONE,
    };
    return { port, byStatus };
  });
}

/** "Deployment web, Pod db-0": the objects a message is about, each named once. */
export function nameObjects(pods: readonly SnapshotPod[]): string {
  return listSome(pods.map((pod) => `${pod.ref.kind} ${pod.ref.name}`));
}

// By the objects' identities: every failing port of a Service asks about the same objects.
const declaredTexts = new WeakMap<SnapshotPod, Map<string, string>>();
const podIds = new WeakMap<SnapshotPod, number>();

function podId(pod: SnapshotPod): number {
  let id = podIds.get(pod);
  if (id === undefined) podIds.set(pod, (id = nextPodId++));
  return id;
}
let nextPodId = 0;

/** What the given objects do declare, so a message can suggest the right targetPort. */
export function declaredPortsOf(pods: readonly SnapshotPod[]): string {
  if (pods.length === 0) return 'no ports at all';
  const key = pods.map(podId).join(',');
  let cache = declaredTexts.get(pods[0]);
  if (!cache) declaredTexts.set(pods[0], (cache = new Map()));
  let text = cache.get(key);
  if (text === undefined) {
    const declared = new Set(pods.flatMap((pod) => describeDeclaredPorts(pod.spec)));
    cache.set(key, (text = declared.size > 0 ? listSome([...declared], 6) : 'no ports at all'));
  }
  return text;
}

/** "targetPort http" or "targetPort 8080", as messages quote it. */
export function quoteTarget(port: PortExplanation): string {
  return typeof port.targetPort === 'string' ? `targetPort "${port.targetPort}"` : `targetPort ${port.targetPort}`;
}
