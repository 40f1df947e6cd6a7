import type { Check } from '../../check.js';
import type { Service } from '../../kubernetes-types.js';
import { isServiceIPSet } from '../../predict/index.js';
import { nameKey } from '../../snapshot-index.js';
import { listSome, onService, serviceName } from '../check-helpers.js';
import { anyUnavailable } from './live-helpers.js';
import { findLocalEndpointGaps } from './local-endpoint-gaps.js';
import { minorNumber } from '../../version/kubernetes-version.js';

/**
 * True when only external traffic is Local and a provisioned load balancer health-checks the nodes, so it
 * avoids the ones without an endpoint by design; external IPs get no such steering.
 */
function isSteeredByLoadBalancer(service: Service, traffic: readonly string[]): boolean {
  const spec = service.spec ?? {};
  return (
    spec.type === 'LoadBalancer' && !traffic.includes('internal') && Boolean(spec.healthCheckNodePort) &&
    (service.status?.loadBalancer?.ingress ?? []).length > 0 && (spec.externalIPs ?? []).length === 0
  );
}

/** A Local traffic policy silently drops traffic on every node that runs no endpoint of the Service. */
export const localTrafficPolicyWithoutLocalEndpoints: Check = {
  id: 'local-traffic-policy-without-local-endpoints',
  severity: 'warning',
  title: 'Local traffic policy on nodes without a local endpoint',
  modes: ['cluster'],
  help:
    'With externalTrafficPolicy: Local (NodePort, LoadBalancer, external IPs) or internalTrafficPolicy: Local, ' +
    'kube-proxy on a node forwards that traffic only to endpoints on the same node and drops it when there is ' +
    'none, while other nodes do have endpoints. The finding names those nodes. Run a Pod on every node that ' +
    'receives the traffic (a DaemonSet, or topology spread), make sure a load balancer health-checks ' +
    'healthCheckNodePort so it skips those nodes, or set the policy to Cluster (external traffic then loses the ' +
    'client source IP). Info rather than a warning for a LoadBalancer that has its address and only ' +
    'externalTrafficPolicy Local: its health checks of healthCheckNodePort steer traffic to nodes with an ' +
    'endpoint, the usual way to keep client source IPs; only NodePort traffic sent straight to the other nodes ' +
    'is dropped. Skipped when Nodes or EndpointSlices could not be read.',
  run(context) {
    if (anyUnavailable(context, 'nodes', 'endpointslices') || context.snapshot.nodes.length === 0) return [];
    const nodeNames = context.snapshot.nodes.map((node) => node.ref.name);
    return context.services.flatMap((analysis) => {
      const service = analysis.entry.object;
      const spec = service.spec ?? {};
      if (spec.type === 'ExternalName' || !isServiceIPSet(service)) return [];
      if (spec.internalTrafficPolicy !== 'Local' && spec.externalTrafficPolicy !== 'Local') return [];
      const { namespace, name } = analysis.entry.ref;
      const slices = (context.index.slicesByService.get(nameKey(namespace, name)) ?? []).map((entry) => entry.object);
      const gaps = findLocalEndpointGaps(service, slices, nodeNames, minorNumber(context.snapshot.kubernetesVersion));
      if (gaps.nodesWithout.length === 0) return [];
      const policies = [
        ...(gaps.traffic.includes('external') ? ['externalTrafficPolicy: Local drops NodePort and load-balancer traffic'] : []),
        ...(gaps.traffic.includes('internal') ? ['internalTrafficPolicy: Local drops in-cluster traffic from Pods'] : []),
      ].join(' and ');
      const where = `${gaps.nodesWithout.length} of ${nodeNames.length} nodes`;
      const found = `${serviceName(analysis)}: ${policies} on ${where} without a ready endpoint of their own: ${listSome(gaps.nodesWithout)} (endpoints run on ${listSome(gaps.nodesWith)}).`;
      if (isSteeredByLoadBalancer(service, gaps.traffic)) {
        return [
          onService(
            analysis,
            `${found} Reported as info: the load balancer health-checks healthCheckNodePort ${spec.healthCheckNodePort} and sends traffic only to nodes with an endpoint, which keeps client source IPs; only NodePort traffic sent straight to those nodes is dropped.`,
            'info',
          ),
        ];
      }
      const fix = gaps.traffic.includes('external') && spec.healthCheckNodePort
        ? `run a Pod on each of them, make sure the load balancer health-checks healthCheckNodePort ${spec.healthCheckNodePort}, or use policy Cluster`
        : 'run a Pod on each of them (DaemonSet or topology spread) or use policy Cluster';
      return [onService(analysis, `${found} To fix, ${fix}.`)];
    });
  },
};
