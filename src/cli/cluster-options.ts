import { escapeForTerminal } from '../render/terminal-safe.js';
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import type { ConnectionOverrides } from '../sources/cluster/connection-overrides.js';
import { KubeApi } from '../sources/cluster/kube-api.js';
import { parseRequestTimeout } from '../sources/cluster/request-timeout.js';
import { addConnectionFlags, connectionOverrides, type RawConnectionFlags } from './connection-flags.js';
import type { CliIo } from './io.js';

/** The kubectl connection flags as commander hands them over. */
export interface RawClusterOptions extends RawConnectionFlags {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  allNamespaces?: boolean;
  requestTimeout: string;
  chunkSize?: string;
}

/** A connection and the namespace scope a command works in. */
export interface ClusterScope {
  api: KubeApi;
  /** -n, else the context's namespace; null with -A. */
  namespace: string | null;
  /** Whether the namespace was named explicitly (-n), so it can be checked for existence. */
  namespaceExplicit: boolean;
}

/** Declares kubectl's connection flags: --kubeconfig, --context, -n, --request-timeout, the global auth flags, and optionally -A. */
export function addClusterOptions(command: Command, options: { allNamespaces?: boolean } = {}): Command {
  command
    .option('--kubeconfig <FILE>', 'path to the kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <NAME>', 'kubeconfig context to use (default: the current context)')
    .option('-n, --namespace <NS>', "namespace (default: the context's namespace)");
  if (options.allNamespaces) command.option('-A, --all-namespaces', 'every namespace');
  command.option('--chunk-size <N>', 'list large collections in pages of this many objects (0 = one page)', '500');
  command.addOption(
    new Option(
      '--request-timeout <DURATION>',
      'give up on a request after this long, retries included (429, 5xx and reset connections are retried with backoff), e.g. 30s or 1m (0 = never)',
    ).default('0'),
  );
  return addConnectionFlags(command);
}

/** Connects as kubectl would and resolves the namespace scope; -n together with -A is a usage error. */
export async function parseClusterOptions(raw: RawClusterOptions, io: CliIo): Promise<ClusterScope> {
  if (raw.namespace !== undefined && raw.allNamespaces) throw new UsageError('-n/--namespace and -A/--all-namespaces exclude each other');
  if (raw.namespace === '') throw new UsageError('-n/--namespace needs a namespace name');
  const api = await connectFromFlags(raw, io);
  const namespace = raw.allNamespaces ? null : (raw.namespace ?? api.contextNamespace);
  return { api, namespace, namespaceExplicit: raw.namespace !== undefined };
}

/** The connection alone (no namespace), for commands such as `version`. */
export async function connectFromFlags(raw: Omit<RawClusterOptions, 'namespace' | 'allNamespaces'>, io: CliIo): Promise<KubeApi> {
  const overrides: ConnectionOverrides = connectionOverrides(raw);
  const verbosity = raw.v ?? 0;
  return KubeApi.connect({
    kubeconfig: raw.kubeconfig,
    context: raw.context,
    requestTimeout: parseRequestTimeout(raw.requestTimeout),
    chunkSize: parseChunkSize(raw.chunkSize ?? '500'),
    env: io.env as NodeJS.ProcessEnv,
    overrides,
    ...(verbosity > 0 ? { log: { verbosity, write: (line: string) => io.stderr.write(`${escapeForTerminal(line)}\n`) } } : {}),
  });
}

/** kubectl's --chunk-size: a whole number of objects per LIST page, 0 for no paging. */
function parseChunkSize(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`invalid --chunk-size "${value}": use a whole number of objects (0 = one page)`);
  return Number(value.trim());
}
