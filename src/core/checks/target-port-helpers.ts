import type { ServiceAnalysis } from '../check.js';
import type { PortExplanation, PortResolutionStatus } from '../report.js';
import type { SnapshotPod } from '../snapshot.js';
import { describeDeclaredPorts } from '../find-port.js';
import { listSome } from './check-helpers.js';

/** One Service port with the selected objects sorted by how its targetPort resolved on them. */
export interface PortOutcome {
  port: PortExplanation;
  byStatus: Record<PortResolutionStatus, SnapshotPod[]>;
}

/** Four checks ask for the same grouping of every Service: it is made once per analysed Service. */
const outcomesByAnalysis = new WeakMap<ServiceAnalysis, PortOutcome[]>();

/** Groups each port's resolutions by status; resolutions are in the same order as analysis.matched. */
export function portOutcomes(analysis: ServiceAnalysis): PortOutcome[] {
  let outcomes = outcomesByAnalysis.get(analysis);
  if (!outcomes) outcomesByAnalysis.set(analysis, (outcomes = groupResolutions(analysis)));
  return outcomes;
}

function groupResolutions(analysis: ServiceAnalysis): PortOutcome[] {
  return analysis.ports.map((port) => {
    const byStatus: PortOutcome['byStatus'] = { resolved: [], 'not-declared': [], 'name-not-found': [], 'protocol-mismatch': [] };
    port.resolutions.forEach((resolution, i) => byStatus[resolution.status].push(analysis.matched[i]));
    return { port, byStatus };
  });
}

/** "Deployment web, Pod db-0": the objects a message is about, each named once. */
export function nameObjects(pods: SnapshotPod[]): string {
  return listSome(pods.map((pod) => `${pod.ref.kind} ${pod.ref.name}`));
}

/** What the given objects do declare, so a message can suggest the right targetPort. */
export function declaredPortsOf(pods: SnapshotPod[]): string {
  const declared = new Set(pods.flatMap((pod) => describeDeclaredPorts(pod.spec)));
  return declared.size > 0 ? listSome([...declared], 6) : 'no ports at all';
}

/** "targetPort http" or "targetPort 8080", as messages quote it. */
export function quoteTarget(port: PortExplanation): string {
  return typeof port.targetPort === 'string' ? `targetPort "${port.targetPort}"` : `targetPort ${port.targetPort}`;
}
