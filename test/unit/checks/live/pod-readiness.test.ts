import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from '../../../../src/core/kubernetes-types.js';
import {
  adviceForNotReady, describePodNotReady, explainPodNotReady, isReadyEndpoint, podNotReadyReasons, receivesTraffic,
} from '../../../../src/core/checks/live/pod-readiness.js';
import { pod } from '../../predict/builders.js';

/** A Pod from the prediction builders with its status changed. */
function withStatus(base: Pod, change: (pod: Pod) => void): Pod {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

const notReady = pod('web-1', { ip: '10.244.1.5', ready: false });
const waiting = (reason: string, extra: Partial<ContainerStatus> = {}): ContainerStatus =>
  ({ name: 'app', ready: false, state: { waiting: { reason, message: 'details. More details.' } }, ...extra });

describe('explainPodNotReady', () => {
  it.each<[string, Pod, string[]]>([
    ['a ready Pod has no reasons', pod('web-1', { ip: '10.244.1.5' }), []],
    [
      'CrashLoopBackOff with the last exit and restarts',
      withStatus(notReady, (p) => {
        p.status!.containerStatuses = [{ ...waiting('CrashLoopBackOff', { restartCount: 7 }), lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } } } as ContainerStatus];
      }),
      ['container app waiting: CrashLoopBackOff, last exit OOMKilled (exit code 137), 7 restarts'],
    ],
    [
      'ImagePullBackOff with the first sentence of its message',
      withStatus(notReady, (p) => { p.status!.containerStatuses = [waiting('ImagePullBackOff')]; }),
      ['container app waiting: ImagePullBackOff (details.)'],
    ],
    [
      'a terminated container',
      withStatus(notReady, (p) => {
        p.status!.containerStatuses = [{ name: 'app', ready: false, restartCount: 1, state: { terminated: { reason: 'Error', exitCode: 2 } } }];
      }),
      ['container app terminated: Error (exit code 2), 1 restart'],
    ],
    [
      'running but failing its readiness probe',
      withStatus(notReady, (p) => {
        p.spec!.containers = [{ name: 'app', readinessProbe: { httpGet: { path: '/healthz', port: 8080 } } }];
        p.status!.containerStatuses = [{ name: 'app', ready: false, state: { running: {} } }];
      }),
      ['container app running but not ready (readiness probe failing)'],
    ],
    [
      'only the container that is not ready is named',
      withStatus(notReady, (p) => {
        p.status!.containerStatuses = [
          { name: 'app', ready: true, state: { running: {} } },
          { name: 'proxy', ready: false, state: { running: {} } },
        ];
      }),
      ['container proxy running but not ready'],
    ],
    [
      'an init container that failed, while finished ones are fine',
      withStatus(pod('web-1', { ready: false }), (p) => {
        p.status!.phase = 'Pending';
        p.status!.initContainerStatuses = [
          { name: 'wait-for-db', ready: false, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
          { name: 'migrate', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ];
        p.status!.containerStatuses = [{ name: 'app', ready: false, state: { waiting: { reason: 'PodInitializing' } } }];
      }),
      ['init container migrate waiting: CrashLoopBackOff, 3 restarts', 'container app waiting: PodInitializing', 'no Pod IP yet'],
    ],
    [
      'Pending and unscheduled, with the scheduler\'s first sentence',
      withStatus(pod('web-1', { ready: false }), (p) => {
        delete p.spec!.nodeName;
        p.status = {
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu. preemption: not helpful.' }],
        };
      }),
      ['Pending and not scheduled to a node (Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.)'],
    ],
    [
      'a readiness gate that is False, and one without a condition',
      withStatus(notReady, (p) => {
        p.spec!.readinessGates = [{ conditionType: 'example.com/registered' }, { conditionType: 'example.com/warm' }];
        p.status!.conditions!.push({ type: 'example.com/registered', status: 'False', reason: 'Pending' });
        p.status!.containerStatuses = [{ name: 'app', ready: true, state: { running: {} } }];
      }),
      ['readiness gate example.com/registered is False (Pending)', 'readiness gate example.com/warm has no condition yet'],
    ],
    ['terminating, though otherwise ready', pod('web-1', { ip: '10.244.1.5', deleting: true }), ['terminating (deletionTimestamp set)']],
    [
      'Failed with the eviction reason',
      withStatus(pod('web-1', { ip: '10.244.1.5', phase: 'Failed', ready: false }), (p) => {
        p.status!.reason = 'Evicted';
        p.status!.message = 'The node was low on resource: memory. Threshold quantity: 100Mi.';
      }),
      ['phase Failed (Evicted: The node was low on resource: memory.), never an endpoint again'],
    ],
    [
      'Succeeded, leaving out containers that completed',
      withStatus(pod('web-1', { ip: '10.244.1.5', phase: 'Succeeded', ready: false }), (p) => {
        p.status!.containerStatuses = [{ name: 'app', ready: false, state: { terminated: { reason: 'Completed', exitCode: 0 } } }];
      }),
      ['phase Succeeded, never an endpoint again'],
    ],
    ['scheduled but without an IP or container status yet', pod('web-1', { ready: false }), ['no container started yet (app)', 'no Pod IP yet']],
    [
      'falls back to the Ready condition when nothing else explains it',
      withStatus(notReady, (p) => {
        p.status!.conditions = [{ type: 'Ready', status: 'False', reason: 'PodCompleted' }];
        p.status!.containerStatuses = [{ name: 'app', ready: true, state: { running: {} } }];
      }),
      ['Ready condition is False (PodCompleted)'],
    ],
    [
      'says so when there is no Ready condition at all',
      withStatus(notReady, (p) => { p.status!.conditions = []; p.status!.containerStatuses = [{ name: 'app', ready: true, state: { running: {} } }]; }),
      ['no Ready condition yet'],
    ],
  ])('%s', (_title, input, reasons) => {
    expect(explainPodNotReady(input)).toEqual(reasons);
  });

  it.each<[string, Pod, string[]]>([
    ['terminating without an IP', pod('web-1', { deleting: true, ready: false }), ['terminating', 'container', 'ip']],
    ['finished', pod('web-1', { ip: '10.244.1.5', phase: 'Failed', ready: false }), ['phase']],
    ['not scheduled', withStatus(pod('web-1', { ready: false }), (p) => { delete p.spec!.nodeName; }), ['scheduling']],
  ])('says what each reason is about: %s', (_title, input, causes) => {
    expect(podNotReadyReasons(input).map((reason) => reason.cause)).toEqual(causes);
  });

  it('names the Pod with its reasons in one item', () => {
    expect(describePodNotReady(pod('web-1', { ip: '10.244.1.5', deleting: true }))).toBe('web-1 (terminating (deletionTimestamp set))');
    expect(describePodNotReady(pod('web-1', { ip: '10.244.1.5' }))).toBe('web-1');
  });
});

describe('isReadyEndpoint and receivesTraffic', () => {
  it.each([
    { title: 'ready with an IP', input: pod('a', { ip: '10.0.0.1' }), ready: true, published: true },
    { title: 'not ready', input: pod('a', { ip: '10.0.0.1', ready: false }), ready: false, published: true },
    { title: 'ready but terminating', input: pod('a', { ip: '10.0.0.1', deleting: true }), ready: false, published: true },
    { title: 'no IP', input: pod('a', { ready: false }), ready: false, published: false },
    { title: 'Failed', input: pod('a', { ip: '10.0.0.1', phase: 'Failed' }), ready: false, published: false },
  ])('$title: ready endpoint $ready, published with publishNotReadyAddresses $published', ({ input, ready, published }) => {
    expect(isReadyEndpoint(input)).toBe(ready);
    expect(receivesTraffic(input, false)).toBe(ready);
    expect(receivesTraffic(input, true)).toBe(published);
  });
});

describe('adviceForNotReady', () => {
  it.each([
    [['container app waiting: ImagePullBackOff'], 'check the image name, tag and imagePullSecrets'],
    [['container app waiting: CrashLoopBackOff, 2 restarts'], 'read the crash with kubectl logs --previous'],
    [['Pending and not scheduled to a node'], 'free capacity or relax nodeSelector, affinity and tolerations'],
    [['container app running but not ready (readiness probe failing)'], 'check the readiness probe path and port against what the app serves'],
    [['terminating (deletionTimestamp set)'], 'make sure replacement Pods start (scale the workload up), and check finalizers if a Pod stays terminating'],
    [['no Pod IP yet'], 'see kubectl describe pod for the events'],
  ])('%j → %s', (reasons, advice) => {
    expect(adviceForNotReady(reasons)).toBe(advice);
  });
});
