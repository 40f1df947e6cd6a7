/**
 * Why a Pod is not a ready endpoint, in words a user can act on: the container that is not ready and
 * its waiting or terminated reason, scheduling, readiness gates, deletion, a missing IP, a final phase.
 * Pure over one Pod, so the live checks and the `why-not` command say it the same way.
 */
import type { ContainerStatus, Pod, PodCondition } from '../../kubernetes-types.js';
import { isPodReady, isTerminal, isTerminating, shouldPodBeInEndpoints } from '../../predict/index.js';

/** Long condition messages (the scheduler's "0/5 nodes are available: ...") are cut to this many characters. */
const MESSAGE_LIMIT = 120;

/**
 * True when the EndpointSlice controller publishes this Pod as a ready endpoint without help from
 * publishNotReadyAddresses: it has an IP, is not Succeeded/Failed, is Ready and is not being deleted.
 */
export function isReadyEndpoint(pod: Pod): boolean {
  return shouldPodBeInEndpoints(pod, true) && isPodReady(pod) && !isTerminating(pod);
}

/**
 * True when the Pod gets a ready endpoint for this Service: with publishNotReadyAddresses any Pod that
 * has an IP and is not Succeeded/Failed does, terminating or not (spec section 2, ready condition).
 */
export function receivesTraffic(pod: Pod, publishNotReadyAddresses: boolean): boolean {
  return publishNotReadyAddresses ? shouldPodBeInEndpoints(pod, true) : isReadyEndpoint(pod);
}

/** The first sentence of a condition or state message, on one line and cut to MESSAGE_LIMIT. */
function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim().split(/(?<=\.) /)[0] ?? '';
  return oneLine.length <= MESSAGE_LIMIT ? oneLine : `${oneLine.slice(0, MESSAGE_LIMIT - 1)}…`;
}

function condition(pod: Pod, type: string): PodCondition | undefined {
  return (pod.status?.conditions ?? []).find((c) => c.type === type);
}

/** "Unschedulable: 0/3 nodes are available" from a condition's reason and message. */
function conditionDetail(c: PodCondition | undefined): string {
  const parts = [c?.reason, c?.message ? shorten(c.message) : undefined].filter(Boolean);
  return parts.join(': ');
}

/** The API's lastState, which the shared types leave out: why the previous run of a container ended. */
type StatusWithLastState = ContainerStatus & { lastState?: { terminated?: { reason?: string; exitCode?: number } } };

/** ", last exit OOMKilled (exit code 137), 7 restarts": what a crash-looping container died of. */
function restarts(status: StatusWithLastState): string {
  const count = status.restartCount ?? 0;
  const last = status.lastState?.terminated;
  const lastExit = last ? `, last exit ${last.reason ?? 'Terminated'}${last.exitCode === undefined ? '' : ` (exit code ${last.exitCode})`}` : '';
  return `${lastExit}${count > 0 ? `, ${count} ${count === 1 ? 'restart' : 'restarts'}` : ''}`;
}

/** One container's state, or null when it is fine (ready, or a finished init container). */
function describeContainer(pod: Pod, status: ContainerStatus, kind: 'container' | 'init container'): string | null {
  const state = status.state ?? {};
  const name = `${kind} ${status.name}`;
  if (state.waiting) {
    const reason = state.waiting.reason ?? 'waiting';
    const message = state.waiting.message && reason !== 'CrashLoopBackOff' ? ` (${shorten(state.waiting.message)})` : '';
    return `${name} waiting: ${reason}${message}${restarts(status)}`;
  }
  if (state.terminated) {
    if (kind === 'init container' && state.terminated.exitCode === 0) return null;
    const exit = state.terminated.exitCode === undefined ? '' : ` (exit code ${state.terminated.exitCode})`;
    return `${name} terminated: ${state.terminated.reason ?? 'Terminated'}${exit}${restarts(status)}`;
  }
  if (status.ready) return null;
  if (kind === 'init container') {
    const sidecar = pod.spec?.initContainers?.find((c) => c.name === status.name)?.restartPolicy === 'Always';
    return sidecar ? `${name} (sidecar) running but not ready` : `${name} still running`;
  }
  const probe = pod.spec?.containers?.find((c) => c.name === status.name)?.readinessProbe;
  return `${name} running but not ready${probe ? ' (readiness probe failing)' : ''}${restarts(status)}`;
}

/** What a not-ready reason is about, so a caller that shows some of them on lines of their own can leave those out. */
export type NotReadyCause = 'phase' | 'terminating' | 'scheduling' | 'container' | 'readiness-gate' | 'ip' | 'ready-condition';

/** One reason a Pod is not a ready endpoint, in words a user can act on. */
export interface NotReadyReason {
  cause: NotReadyCause;
  text: string;
}

function containerReasons(pod: Pod): NotReadyReason[] {
  const reasons: NotReadyReason[] = [];
  const add = (text: string | null) => {
    if (text) reasons.push({ cause: 'container', text });
  };
  for (const status of pod.status?.initContainerStatuses ?? []) add(describeContainer(pod, status, 'init container'));
  const statuses = pod.status?.containerStatuses ?? [];
  for (const status of statuses) add(describeContainer(pod, status, 'container'));
  if (statuses.length === 0 && pod.spec?.nodeName && !isTerminal(pod) && !isPodReady(pod)) {
    const names = (pod.spec.containers ?? []).map((c) => c.name).join(', ');
    add(`no container started yet${names ? ` (${names})` : ''}`);
  }
  return reasons;
}

function readinessGateReasons(pod: Pod): NotReadyReason[] {
  return (pod.spec?.readinessGates ?? []).flatMap((gate): NotReadyReason[] => {
    const c = condition(pod, gate.conditionType);
    if (!c) return [{ cause: 'readiness-gate', text: `readiness gate ${gate.conditionType} has no condition yet` }];
    if (c.status === 'True') return [];
    const detail = conditionDetail(c);
    return [{ cause: 'readiness-gate', text: `readiness gate ${gate.conditionType} is ${c.status}${detail ? ` (${detail})` : ''}` }];
  });
}

function schedulingReason(pod: Pod): NotReadyReason[] {
  if (pod.spec?.nodeName) return [];
  const scheduled = condition(pod, 'PodScheduled');
  const detail = scheduled?.status === 'False' ? conditionDetail(scheduled) : '';
  return [{ cause: 'scheduling', text: `${pod.status?.phase ?? 'Pending'} and not scheduled to a node${detail ? ` (${detail})` : ''}` }];
}

/**
 * Every reason this Pod is not a ready endpoint, most fundamental first, each with what it is about;
 * empty when it is one (see isReadyEndpoint).
 */
export function podNotReadyReasons(pod: Pod): NotReadyReason[] {
  if (isReadyEndpoint(pod)) return [];
  const status = pod.status ?? {};
  if (isTerminal(pod)) {
    const detail = [status.reason, status.message ? shorten(status.message) : undefined].filter(Boolean).join(': ');
    const final: NotReadyReason = { cause: 'phase', text: `phase ${status.phase}${detail ? ` (${detail})` : ''}, never an endpoint again` };
    return [final, ...containerReasons(pod).filter((reason) => !reason.text.includes('terminated: Completed'))];
  }
  const reasons: NotReadyReason[] = [];
  if (isTerminating(pod)) reasons.push({ cause: 'terminating', text: 'terminating (deletionTimestamp set)' });
  reasons.push(...schedulingReason(pod), ...containerReasons(pod), ...readinessGateReasons(pod));
  if (!status.podIP && (status.podIPs ?? []).length === 0 && pod.spec?.nodeName) reasons.push({ cause: 'ip', text: 'no Pod IP yet' });
  if (reasons.length === 0 && !isPodReady(pod)) {
    const ready = condition(pod, 'Ready');
    const detail = conditionDetail(ready);
    reasons.push({ cause: 'ready-condition', text: ready ? `Ready condition is ${ready.status}${detail ? ` (${detail})` : ''}` : 'no Ready condition yet' });
  }
  return reasons;
}

/**
 * Every reason this Pod is not a ready endpoint, most fundamental first; empty when it is one
 * (see isReadyEndpoint). For example ["container app waiting: CrashLoopBackOff, 7 restarts"].
 */
export function explainPodNotReady(pod: Pod): string[] {
  return podNotReadyReasons(pod).map((reason) => reason.text);
}

/** "web-1 (container app waiting: CrashLoopBackOff)", one Pod in a finding's list. */
export function describePodNotReady(pod: Pod): string {
  const reasons = explainPodNotReady(pod);
  const name = pod.metadata.name ?? '';
  return reasons.length > 0 ? `${name} (${reasons.join('; ')})` : name;
}

const ADVICE: [RegExp, string][] = [
  [/ImagePullBackOff|ErrImagePull|InvalidImageName/, 'check the image name, tag and imagePullSecrets'],
  [/CrashLoopBackOff|terminated: (Error|OOMKilled)|last exit/, 'read the crash with kubectl logs --previous'],
  [/CreateContainerConfigError/, 'check the ConfigMaps and Secrets the container references'],
  [/not scheduled/, 'free capacity or relax nodeSelector, affinity and tolerations'],
  [/readiness probe failing/, 'check the readiness probe path and port against what the app serves'],
  [/readiness gate/, 'check the controller that sets the readiness gate condition'],
  [/^terminating/m, 'make sure replacement Pods start (scale the workload up), and check finalizers if a Pod stays terminating'],
];

/** A short fix for the reasons explainPodNotReady gave, e.g. "read the crash with kubectl logs --previous". */
export function adviceForNotReady(reasons: readonly string[]): string {
  const text = reasons.join('\n');
  const advice = ADVICE.filter(([pattern]) => pattern.test(text)).map(([, fix]) => fix);
  return advice.length > 0 ? advice.join('; ') : 'see kubectl describe pod for the events';
}
