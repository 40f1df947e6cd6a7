import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { yamlLibrary } from '../yaml-library.js';
import { CHECKS } from '../core/checks/registry.js';
import { KubeApi } from '../sources/cluster/kube-api.js';
import { parseRequestTimeout } from '../sources/cluster/request-timeout.js';
import type { CompletionSources, NamedResource, TypedFlags } from './completion-engine.js';

/** Without --request-timeout, completion gives up on the cluster after this long: a shell must not hang. */
const DEFAULT_TIMEOUT_MS = 5_000;

interface KubeconfigFile {
  contexts?: { name?: string; context?: { namespace?: string } }[];
  clusters?: { name?: string }[];
  users?: { name?: string }[];
}

/** Completion values from the kubeconfig files and the cluster; every failure yields an empty list. */
export function completionSources(env: Record<string, string | undefined>): CompletionSources {
  return {
    checkIds: () => CHECKS.map((check) => check.id),
    kubeconfigNames: (kind, flags) => unique(readKubeconfigs(env, flags.kubeconfig).flatMap((file) => (file[kind] ?? []).map((entry) => entry.name ?? ''))),
    namespaces: async (flags) => {
      const fromContexts = readKubeconfigs(env, flags.kubeconfig).flatMap((file) => (file.contexts ?? []).map((entry) => entry.context?.namespace ?? ''));
      const fromCluster = await listNames(env, flags, 'namespaces');
      return unique([...fromCluster, ...fromContexts]);
    },
    names: (resource, flags) => listNames(env, flags, resource),
  };
}

function readKubeconfigs(env: Record<string, string | undefined>, explicit: string | undefined): KubeconfigFile[] {
  const files = explicit ? [explicit] : env.KUBECONFIG ? env.KUBECONFIG.split(delimiter).filter(Boolean) : [join(env.HOME ?? homedir(), '.kube', 'config')];
  return files.flatMap((file) => {
    try {
      return existsSync(file) ? [(yamlLibrary().parse(readFileSync(file, 'utf8')) ?? {}) as KubeconfigFile] : [];
    } catch {
      return [];
    }
  });
}

/** The API group versions a resource is listed from, in the order tried (Gateway API kinds: v1, then the older served ones). */
function prefixesOf(resource: 'namespaces' | NamedResource): string[] {
  if (resource === 'ingresses') return ['/apis/networking.k8s.io/v1'];
  if (resource.endsWith('routes')) return ['v1', 'v1beta1', 'v1alpha2'].map((version) => `/apis/gateway.networking.k8s.io/${version}`);
  return ['/api/v1'];
}

async function listNames(env: Record<string, string | undefined>, flags: TypedFlags, resource: 'namespaces' | NamedResource): Promise<string[]> {
  try {
    const timeout = flags.requestTimeout ? parseRequestTimeout(flags.requestTimeout) : DEFAULT_TIMEOUT_MS;
    const api = await KubeApi.connect({ kubeconfig: flags.kubeconfig, context: flags.context, requestTimeout: timeout || DEFAULT_TIMEOUT_MS, env: env as NodeJS.ProcessEnv });
    const namespace = flags.namespace ?? api.contextNamespace;
    for (const prefix of prefixesOf(resource)) {
      const path = resource === 'namespaces' ? `${prefix}/namespaces` : `${prefix}/namespaces/${encodeURIComponent(namespace)}/${resource}`;
      const items = await api.list<{ metadata?: { name?: string } }>(path, resource).catch(() => null);
      if (items) return items.map((item) => item.metadata?.name ?? '').filter(Boolean).sort();
    }
    return [];
  } catch {
    return [];
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}
