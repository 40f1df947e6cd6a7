import type { Check } from '../../check.js';
import { isPodReady, isTerminating, shouldPodBeInEndpoints } from '../../predict/index.js';
import { listSome, onService, serviceName } from '../check-helpers.js';
import { countPods, selectedPods } from './live-helpers.js';
import { adviceForNotReady, describePodNotReady, explainPodNotReady, isReadyEndpoint, receivesTraffic } from './pod-readiness.js';

/** Pods are selected, yet none is ready: the Service has endpoints in name only and connections fail. */
export const noReadyEndpoints: Check = {
  id: 'no-ready-endpoints',
  severity: 'error',
  title: 'Service selects Pods but none of them is ready',
  modes: ['cluster'],
  help:
    'The selector matches Pods, but none of them is a ready endpoint (Ready condition True, not being deleted, with ' +
    'an IP, not Succeeded or Failed), so kube-proxy has nowhere to send traffic and connections are refused. The ' +
    'finding names each Pod and why it is not ready: a container waiting (CrashLoopBackOff, ImagePullBackOff), ' +
    'terminated, or running with a failing readiness probe, a Pod not scheduled, a readiness gate not True, a Pod ' +
    'being deleted or without an IP. Fix the Pods; kubectl describe pod and kubectl logs --previous show more. With ' +
    'publishNotReadyAddresses: true the not-ready Pods are published anyway, which is reported as info.',
  run(context) {
    return context.services.flatMap((analysis) => {
      if (!analysis.selector) return [];
      const pods = selectedPods(analysis);
      if (pods.length === 0 || pods.some(isReadyEndpoint)) return [];
      const publishNotReady = Boolean(analysis.entry.object.spec?.publishNotReadyAddresses);
      const listed = listSome(pods.map(describePodNotReady), 3);
      const advice = adviceForNotReady(pods.flatMap(explainPodNotReady));
      if (publishNotReady && pods.some((pod) => receivesTraffic(pod, true))) {
        return [
          onService(
            analysis,
            `${serviceName(analysis)} selects ${countPods(pods.length)} and none is ready, but publishNotReadyAddresses: true publishes them anyway, so traffic reaches Pods that may not serve it: ${listed}. To fix, ${advice}.`,
            'info',
          ),
        ];
      }
      // kube-proxy falls back to endpoints that are serving and terminating when none is ready.
      const stillServing = pods.some((pod) => isTerminating(pod) && isPodReady(pod) && shouldPodBeInEndpoints(pod, true));
      const effect = stillServing
        ? 'only Pods being deleted still serve it (kube-proxy falls back to them until they exit), then connections fail'
        : 'connections fail';
      return [
        onService(
          analysis,
          `${serviceName(analysis)} selects ${countPods(pods.length)} but none is ready, so it has no ready endpoints and ${effect}: ${listed}. To fix, ${advice}.`,
        ),
      ];
    });
  },
};
