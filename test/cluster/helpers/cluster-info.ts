// What the global setup hands to every test file (via vitest's provide/inject).
export interface ProxyInfo {
  /** Name of the fake Node kube-proxy runs for (created by up.mjs). */
  node: string;
  /** That Node's InternalIP (a dummy interface inside the namespace). */
  nodeIP: string;
  /** Its topology.kubernetes.io/zone label. */
  zone: string;
  /** Network namespace kube-proxy runs in; `ip netns exec <netns> iptables-save -t nat` shows its rules. */
  netns: string;
  mode: 'iptables' | 'nftables';
}

export interface ClusterInfo {
  stateDir: string;
  /** The release the control plane runs ("v1.37.2") and its minor number (37). */
  kubernetesVersion: string;
  kubernetesMinor: number;
  /** Admin kubeconfig (token user in system:masters, CA-verified). */
  kubeconfig: string;
  /** Kubeconfig of user `viewer` (no groups, no RBAC bindings until a test adds some). */
  viewerKubeconfig: string;
  server: string;
  caFile: string;
  adminToken: string;
  binDir: string;
  /** A kubectl binary: the one built into binDir, else the one on PATH, else null. */
  kubectl: string | null;
  serviceCIDR: string;
  clusterCIDR: string;
  /** kube-proxy's IPv6 cluster CIDR (its IPv6 proxier's local detector); absent on clusters started before dual-stack. */
  clusterCIDRv6?: string;
  /** null when the cluster was started with --no-proxy. */
  proxy: ProxyInfo | null;
  /** The second kube-proxy, in nftables mode for its own Node; null without it (no nft tool, or --no-proxy). */
  nftProxy: ProxyInfo | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    cluster: ClusterInfo;
  }
}
