import type { Check } from '../../check.js';
import { serviceType } from '../../selector.js';
import { onService, serviceName } from '../check-helpers.js';

/** The field the shared Service type leaves out: which load-balancer implementation should serve it. */
type WithLoadBalancerClass = { spec?: { loadBalancerClass?: string } };

/** A LoadBalancer Service without an address is reachable from outside only through its NodePorts, if at all. */
export const loadBalancerPending: Check = {
  id: 'load-balancer-pending',
  severity: 'warning',
  title: 'LoadBalancer Service has no external address',
  modes: ['cluster'],
  help:
    'A Service of type LoadBalancer gets its external IP or hostname in status.loadBalancer.ingress from a ' +
    'load-balancer controller (the cloud provider\'s, MetalLB, ...). It is empty here, so the Service is reachable ' +
    'only through its ClusterIP and NodePorts. Shortly after creation this is normal; otherwise read the Service\'s ' +
    'events (kubectl describe service), check that a controller exists for the cluster (kind and bare-metal clusters ' +
    'have none by default) and for its loadBalancerClass, or use type NodePort.',
  run(context) {
    return context.services.flatMap((analysis) => {
      const service = analysis.entry.object;
      if (serviceType(service) !== 'LoadBalancer') return [];
      const ingress = service.status?.loadBalancer?.ingress ?? [];
      if (ingress.some((entry) => entry.ip || entry.hostname)) return [];
      const loadBalancerClass = (service as WithLoadBalancerClass).spec?.loadBalancerClass;
      const controller = loadBalancerClass ? `a controller for loadBalancerClass ${loadBalancerClass}` : 'a load-balancer controller';
      return [
        onService(
          analysis,
          `${serviceName(analysis)} is type LoadBalancer but has no external address (status.loadBalancer.ingress is empty), so it is reachable only through its ClusterIP and NodePorts: check the Service's events and that ${controller} runs in the cluster, or use type NodePort.`,
        ),
      ];
    });
  },
};
