import { NEWEST_MINOR } from '../core/version/index.js';

/** The --help paragraph of the cluster commands on which Kubernetes minor they predict for. */
export const CLUSTER_VERSION_HELP = `

Kubernetes version:
  Predictions (validation, deprecations, kube-proxy's rules and nftables maps) follow the server's
  minor, read from GET /version; servers outside 1.33-1.${NEWEST_MINOR} are predicted as the nearest
  supported minor, and without /version as 1.${NEWEST_MINOR}, each with a note. -o json carries it as
  "kubernetesVersion".`;
