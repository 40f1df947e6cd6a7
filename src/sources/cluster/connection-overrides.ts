import { ClusterError, UsageError } from '../../errors.js';
import type { KubeconfigEntry, MergedKubeconfig } from './kubeconfig-loading.js';

/** kubectl's global connection flags; each one, when given, wins over the kubeconfig. */
export interface ConnectionOverrides {
  context?: string;
  cluster?: string;
  user?: string;
  server?: string;
  certificateAuthority?: string;
  insecureSkipTlsVerify?: boolean;
  tlsServerName?: string;
  token?: string;
  as?: string;
  asGroups?: string[];
  asUid?: string;
}

/** Whom to act as (Impersonate-* headers): the user's `as` fields or --as and friends. */
export interface Impersonation {
  user: string;
  groups: string[];
  uid: string;
  extra: Record<string, string[]>;
}

/** The one cluster, user and context a run talks to, after the flags were applied. */
export interface ResolvedConnection {
  contextName: string;
  namespace: string;
  server: string;
  cluster: KubeconfigEntry;
  user: KubeconfigEntry;
  impersonation: Impersonation | null;
}

/**
 * Picks the context, cluster and user the way clientcmd's DirectClientConfig does: --context, then
 * --cluster/--user replace the context's names, then --server, --certificate-authority (clears
 * CA data and insecure), --insecure-skip-tls-verify (clears the CA), --tls-server-name (--server
 * alone clears the file's), --token and --as* replace the file's values. Pure.
 */
export function resolveConnection(config: MergedKubeconfig, overrides: ConnectionOverrides): ResolvedConnection {
  const contextName = overrides.context ?? config.currentContext;
  if (overrides.context !== undefined && !Object.hasOwn(config.contexts, overrides.context)) {
    throw new ClusterError(`context "${overrides.context}" does not exist in the kubeconfig`);
  }
  const context = Object.hasOwn(config.contexts, contextName) ? config.contexts[contextName] : {};
  if (!contextName && overrides.server === undefined && overrides.cluster === undefined) {
    throw new ClusterError('the kubeconfig has no current context: pass --context');
  }
  const clusterName = overrides.cluster ?? stringField(context, 'cluster');
  const userName = overrides.user ?? stringField(context, 'user');
  if (overrides.cluster !== undefined && !Object.hasOwn(config.clusters, overrides.cluster)) throw new ClusterError(`cluster "${overrides.cluster}" does not exist in the kubeconfig`);
  if (overrides.user !== undefined && !Object.hasOwn(config.users, overrides.user)) throw new ClusterError(`user "${overrides.user}" does not exist in the kubeconfig`);

  const cluster = { ...(Object.hasOwn(config.clusters, clusterName) ? config.clusters[clusterName] : {}) };
  if (overrides.server !== undefined) cluster.server = overrides.server;
  if (overrides.certificateAuthority !== undefined || overrides.insecureSkipTlsVerify) {
    cluster['insecure-skip-tls-verify'] = overrides.insecureSkipTlsVerify ?? false;
    cluster['certificate-authority'] = overrides.certificateAuthority;
    delete cluster['certificate-authority-data'];
  }
  if (overrides.tlsServerName !== undefined || overrides.server !== undefined) cluster['tls-server-name'] = overrides.tlsServerName;
  const server = stringField(cluster, 'server').replace(/\/+$/, '');
  if (!server) {
    throw new ClusterError(clusterName ? `cluster "${clusterName}" of context "${contextName}" has no server` : `context "${contextName}" names no cluster`);
  }

  const user = { ...(Object.hasOwn(config.users, userName) ? config.users[userName] : {}) };
  if (overrides.token !== undefined) {
    user.token = overrides.token;
    delete user.tokenFile;
  }
  return {
    contextName,
    namespace: stringField(context, 'namespace') || 'default',
    server,
    cluster,
    user,
    impersonation: impersonation(user, overrides),
  };
}

function impersonation(user: KubeconfigEntry, overrides: ConnectionOverrides): Impersonation | null {
  const name = overrides.as ?? stringField(user, 'as');
  const groups = overrides.asGroups ?? (Array.isArray(user['as-groups']) ? (user['as-groups'] as unknown[]).map(String) : []);
  const uid = overrides.asUid ?? stringField(user, 'as-uid');
  const extra = (user['as-user-extra'] ?? {}) as Record<string, string[]>;
  if (!name) {
    if (groups.length > 0 || uid) throw new UsageError('--as-group and --as-uid need --as (the user to impersonate)');
    return null;
  }
  return { user: name, groups, uid, extra };
}

function stringField(entry: KubeconfigEntry, key: string): string {
  const value = entry[key];
  return typeof value === 'string' ? value : '';
}
