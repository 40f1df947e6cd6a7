import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { yamlLibrary } from '../../yaml-library.js';
import { ClusterError } from '../../errors.js';

/** A kubeconfig entry's fields as written in the file (kebab-case keys kept as they are). */
export type KubeconfigEntry = Record<string, unknown>;

/** The kubeconfig files merged as clientcmd merges them: named maps, and the current context. */
export interface MergedKubeconfig {
  clusters: Record<string, KubeconfigEntry>;
  users: Record<string, KubeconfigEntry>;
  contexts: Record<string, KubeconfigEntry>;
  currentContext: string;
  /** The files that were read, in precedence order (empty for the in-cluster config). */
  files: string[];
}

/** Where to look: --kubeconfig, else the environment (KUBECONFIG, HOME, in-cluster variables). */
export interface KubeconfigSource {
  kubeconfig?: string;
  env: Record<string, string | undefined>;
}

/** There is no kubeconfig at all (and no in-cluster account): `version` still prints the client part. */
export class NoKubeconfigError extends ClusterError {}

const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Reads the kubeconfig the way kubectl does: --kubeconfig (must exist), else every file of
 * KUBECONFIG (missing ones skipped; for each name the first file that defines it wins, and the first
 * current-context set wins), else ~/.kube/config, else the in-cluster service account.
 */
export function loadKubeconfig(source: KubeconfigSource): MergedKubeconfig {
  const { env } = source;
  if (source.kubeconfig) {
    if (!existsSync(source.kubeconfig)) throw new ClusterError(`kubeconfig ${source.kubeconfig}: no such file`);
    return mergeFiles([source.kubeconfig]);
  }
  if (env.KUBECONFIG) {
    const files = [...new Set(env.KUBECONFIG.split(path.delimiter).filter(Boolean))];
    const existing = files.filter((file) => existsSync(file));
    if (existing.length === 0) throw new ClusterError(`KUBECONFIG names no existing file (${env.KUBECONFIG})`);
    return mergeFiles(existing);
  }
  const home = path.join(env.HOME ?? homedir(), '.kube', 'config');
  if (existsSync(home)) return mergeFiles([home]);
  if (env.KUBERNETES_SERVICE_HOST) return inClusterConfig(env);
  throw new NoKubeconfigError('no kubeconfig found: pass --kubeconfig, set KUBECONFIG, or create ~/.kube/config');
}

function mergeFiles(files: string[]): MergedKubeconfig {
  const merged: MergedKubeconfig = { clusters: {}, users: {}, contexts: {}, currentContext: '', files };
  for (const file of files) {
    const document = readKubeconfigFile(file);
    const directory = path.dirname(path.resolve(file));
    mergeNamed(merged.clusters, document.clusters, 'cluster', file, (entry) => resolvePaths(entry, directory, ['certificate-authority']));
    mergeNamed(merged.users, document.users, 'user', file, (entry) => resolvePaths(entry, directory, ['client-certificate', 'client-key', 'tokenFile']));
    mergeNamed(merged.contexts, document.contexts, 'context', file, (entry) => entry);
    if (!merged.currentContext && typeof document['current-context'] === 'string') merged.currentContext = document['current-context'];
  }
  return merged;
}

function readKubeconfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ClusterError(`kubeconfig ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const document = yamlLibrary().parseDocument(text, { uniqueKeys: false });
  if (document.errors.length > 0) {
    const [first] = document.errors;
    const line = first.linePos?.[0].line;
    throw new ClusterError(`kubeconfig ${file}${line ? `:${line}` : ''}: not valid YAML (${first.message.split('\n')[0]})`);
  }
  const value: unknown = document.toJS();
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ClusterError(`kubeconfig ${file}: not a kubeconfig (expected a mapping with clusters, users, contexts)`);
  return value as Record<string, unknown>;
}

/** Adds `{name, <kind>: {...}}` list items to the map unless an earlier file already named them. */
function mergeNamed(
  target: Record<string, KubeconfigEntry>,
  list: unknown,
  kind: string,
  file: string,
  resolve: (entry: KubeconfigEntry) => KubeconfigEntry,
): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) throw new ClusterError(`kubeconfig ${file}: ${kind}s must be a list`);
  for (const item of list as Array<Record<string, unknown>>) {
    const name = item?.name;
    if (typeof name !== 'string' || name === '') throw new ClusterError(`kubeconfig ${file}: a ${kind} without a name`);
    if (Object.hasOwn(target, name)) continue;
    const body = item[kind];
    target[name] = resolve(body !== null && typeof body === 'object' ? { ...(body as KubeconfigEntry) } : {});
  }
}

/** Relative file references are relative to the kubeconfig file that holds them, as in clientcmd. */
function resolvePaths(entry: KubeconfigEntry, directory: string, keys: string[]): KubeconfigEntry {
  for (const key of keys) {
    const value = entry[key];
    if (typeof value === 'string' && value !== '' && !path.isAbsolute(value)) entry[key] = path.join(directory, value);
  }
  const exec = entry.exec as { command?: unknown } | undefined;
  if (exec && typeof exec.command === 'string' && exec.command.includes(path.sep) && !path.isAbsolute(exec.command)) {
    entry.exec = { ...exec, command: path.join(directory, exec.command) };
  }
  return entry;
}

/** The service account a Pod runs as, when no kubeconfig exists (rest.InClusterConfig). */
function inClusterConfig(env: Record<string, string | undefined>): MergedKubeconfig {
  const host = env.KUBERNETES_SERVICE_HOST as string;
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${env.KUBERNETES_SERVICE_PORT ?? '443'}`;
  const namespaceFile = path.join(SERVICE_ACCOUNT, 'namespace');
  const namespace = existsSync(namespaceFile) ? readFileSync(namespaceFile, 'utf8').trim() : 'default';
  return {
    clusters: { 'in-cluster': { server, 'certificate-authority': path.join(SERVICE_ACCOUNT, 'ca.crt') } },
    users: { 'in-cluster': { tokenFile: path.join(SERVICE_ACCOUNT, 'token') } },
    contexts: { 'in-cluster': { cluster: 'in-cluster', user: 'in-cluster', namespace } },
    currentContext: 'in-cluster',
    files: [],
  };
}
