import { collectionPath, type ResourceName } from './resources.js';
import type { GatewayResource } from './route-discovery.js';

/** One collection to watch: its path, the selectors that narrow it, and its name for messages. */
export interface WatchTarget {
  /** A resource of resources.ts, or a Gateway API plural (its path found by discovery). */
  resource: ResourceName | GatewayResource;
  path: string;
  query: Record<string, string>;
}

function target(resource: ResourceName, namespace: string | null, query: Record<string, string> = {}): WatchTarget {
  return { resource, path: collectionPath(resource, namespace), query };
}

/**
 * What `explain SERVICE --watch` follows: the Service, the namespace's Pods, its Endpoints and
 * EndpointSlices, the Nodes, the NetworkPolicies and the Namespaces (their labels). Workloads are not watched: a new ReplicaSet shows up with its Pods.
 */
export function explainWatchTargets(namespace: string, service: string): WatchTarget[] {
  return [
    target('services', namespace, { fieldSelector: `metadata.name=${service}` }),
    target('pods', namespace),
    target('endpoints', namespace, { fieldSelector: `metadata.name=${service}` }),
    target('endpointslices', namespace, { labelSelector: `kubernetes.io/service-name=${service}` }),
    target('nodes', null),
    target('networkpolicies', namespace),
    target('namespaces', null),
  ];
}

/** What `check --watch` follows: Services, Pods, Endpoints, EndpointSlices and NetworkPolicies of the scope, Nodes and Namespaces. */
export function checkWatchTargets(namespace: string | null): WatchTarget[] {
  return [
    target('services', namespace),
    target('pods', namespace),
    target('endpoints', namespace),
    target('endpointslices', namespace),
    target('nodes', null),
    target('networkpolicies', namespace),
    target('namespaces', null),
  ];
}
