/**
 * The shapes of the kube-proxy view computed by proxy-targets.ts: per Service port, the frontends, their
 * backends with traffic shares, and the chain names. Kept apart so renderers can import types only.
 */
import type { LabelMap } from '../kubernetes-types.js';
import type { CategorizedEndpoints, PortPolicy } from './categorize-endpoints.js';
import type { IpFamily } from './ip-address.js';
import type { ProxyEndpoint } from './proxy-endpoints.js';

/** kube-proxy's --proxy-mode, as far as it changes names: iptables chains or nftables chains. */
export type ProxyMode = 'iptables' | 'nftables';

/** The node whose kube-proxy is simulated, and its settings. */
export interface ProxyTargetOptions {
  /** Which proxier writes the rules (default iptables); traffic goes to the same backends either way. */
  mode?: ProxyMode;
  /** Node name; needed for Local traffic policies and node hints. */
  nodeName?: string;
  /** The node's labels; topology.kubernetes.io/zone drives zone hints. */
  nodeLabels?: LabelMap;
  /** Which proxier (IPv4 or IPv6); defaults to the Service's primary family. */
  family?: IpFamily;
  /** Feature gate PreferSameTrafficDistribution (default: on from 1.34, following kubernetesMinor). */
  preferSameTrafficDistribution?: boolean;
  /** Set when Nodes could not be read: node labels (zones) are unknown, so per-node parts are not computed. */
  nodesUnknown?: boolean;
  /** The Kubernetes minor whose kube-proxy writes the rules (default: the newest supported). */
  kubernetesMinor?: number;
}

/** One backend of a frontend, with the share of new connections it gets. */
export interface ProxyBackend {
  endpoint: string;
  ip: string;
  port: number;
  /** The per-endpoint chain; null in nftables mode without ClientIP affinity, which DNATs from the service chain. */
  chain: string | null;
  share: number;
  nodeName?: string;
  isLocal: boolean;
  terminating: boolean;
  /** The EndpointSlice kube-proxy took this backend from, and its managed-by label (null when unset). */
  slice: string;
  managedBy: string | null;
  /** Other slices carrying the same IP:port (kube-proxy merges them into this one backend). */
  alsoIn?: string[];
  /** Those copies differ and kube-proxy keeps whichever its (unordered) read of the slices leaves in effect. */
  readOrderDecides?: true;
}

/** One way into the Service port and what happens to traffic arriving there from outside this node's pods. */
export interface ProxyFrontend {
  kind: 'cluster-ip' | 'external-ip' | 'load-balancer' | 'node-port';
  /** null for NodePorts, which listen on the node's addresses. */
  address: string | null;
  port: number;
  policy: 'Cluster' | 'Local';
  /** The chain KUBE-SERVICES / KUBE-NODEPORTS jumps to, or null when the filter table rejects or drops. */
  chain: string | null;
  outcome: 'forward' | 'reject' | 'drop';
  backends: ProxyBackend[];
  /** Set when the outcome depends on facts that could not be read (Local policy, topology without Nodes). */
  unknown?: string;
  /**
   * How the chain picks a backend: through per-endpoint chains (iptables; nftables up to 1.35 and with
   * ClientIP affinity), a numgen DNAT map (nftables from 1.36), or one plain DNAT (nftables from 1.37 with
   * a single backend); null when nothing is forwarded.
   */
  dispatch: 'endpoint-chains' | 'dnat-map' | 'dnat' | null;
}

/** Everything kube-proxy does for one Service port on one node. */
export interface ServicePortTargets {
  servicePortName: string;
  protocol: string;
  port: number;
  chains: { cluster: string; local: string; external: string; firewall: string };
  policy: PortPolicy;
  endpoints: ProxyEndpoint[];
  categorized: CategorizedEndpoints;
  sessionAffinity: { clientIP: boolean; timeoutSeconds: number };
  frontends: ProxyFrontend[];
}

/** The Service's proxy view for each IP family kube-proxy programs it in (iptables/ip6tables, nft ip/ip6). */
export interface FamilyProxyTargets {
  families: ProxyTargets[];
}

/** The whole Service as one node's kube-proxy sees it, or why it is not proxied at all. */
export interface ProxyTargets {
  skipped: null | 'external-name' | 'no-cluster-ip' | 'other-proxy';
  family: IpFamily;
  mode: ProxyMode;
  ports: ServicePortTargets[];
}
