import { Command } from 'commander';
import { canReachInSnapshot, type CanReachClient } from '../core/network-policy/can-reach-input.js';
import type { LabelMap } from '../core/kubernetes-types.js';
import type { Snapshot } from '../core/snapshot.js';
import { renderCanReach } from '../render/can-reach-view.js';
import { assembleClusterSnapshot } from '../sources/cluster/cluster-snapshot.js';
import { readCanReachObjects } from '../sources/cluster/read-can-reach.js';
import { loadManifests, STDIN_NAME } from '../sources/manifests/load-manifests.js';
import { ExitCode, NotFoundError, UsageError } from '../errors.js';
import { addClusterOptions, parseClusterOptions } from './cluster-options.js';
import type { CommandContext } from './command-context.js';
import { readStreamBytes } from '../sources/manifests/read-input-bytes.js';
import { viewOutput } from './view-output.js';
import { addViewOptions, objectName, parseViewOptions, type LiveViewFlags } from './why-not-command.js';

interface CanReachFlags extends LiveViewFlags {
  from: string;
  fromNamespace?: string;
  filename?: string[];
}

const HELP = `
The client (--from):
  POD                 a Pod (offline: a Pod or a workload whose template stands for its Pods), in
                      --from-namespace, else -n
  ns/NS               a Pod without labels in namespace NS
  ns/NS,k=v[,k=v]     a Pod with these labels in namespace NS (one that does not exist yet)

Exit codes:
  0   the client may connect to every selected Pod on every Service port, and may query cluster DNS
  1   it may not (or only partly): the first line says so, each ✗ names the policy and a rule that would allow it
  2   bad flags or arguments, or manifests that cannot be read
  3   the cluster cannot be reached or refuses access
  4   the Service, the port or the client Pod does not exist

Examples:
  # May Pods labelled app=frontend in namespace web reach Service api on port http?
  kubectl svc-explain can-reach --from ns/web,app=frontend api:http -n shop

  # The same question for a running Pod
  kubectl svc-explain can-reach --from frontend-7d9f --from-namespace web api -n shop

  # Offline, on manifests that include the NetworkPolicies and Namespaces
  kubectl svc-explain can-reach -f k8s/ --from ns/web,app=frontend api -n shop`;

function parseLabels(text: string): LabelMap {
  const labels: LabelMap = Object.create(null);
  for (const pair of text.split(',').filter(Boolean)) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`--from: "${pair}" is not a label key=value`);
    labels[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return { ...labels };
}

/** --from as a client: ns/NS[,labels] is a hypothetical Pod, anything else names a Pod. */
export function parseClient(from: string, namespace: string): CanReachClient {
  if (!from) throw new UsageError('--from needs a Pod name or ns/NAMESPACE[,key=value...]');
  if (from.startsWith('ns/')) {
    const [clientNamespace, ...rest] = from.slice(3).split(',');
    if (!clientNamespace) throw new UsageError('--from ns/ needs a namespace name: ns/NAMESPACE[,key=value...]');
    return { namespace: clientNamespace, labels: parseLabels(rest.join(',')) };
  }
  return { namespace, pod: objectName(from, ['pod', 'pods', 'po'], '--from') };
}

/** `can-reach --from CLIENT SERVICE[:PORT]`: NetworkPolicy verdicts for every target Pod and port, live or on manifests. */
export function canReachCommand(context: CommandContext): Command {
  const command = new Command('can-reach')
    .summary('say whether a client may connect to a Service under its NetworkPolicies, and which policy decides')
    .description(
      "Check the NetworkPolicies on both ends: the client's egress (to each selected Pod, and to cluster DNS on port 53) and each Pod's ingress, for the port the " +
        'Service really delivers to (the resolved targetPort). Named ports in policies are resolved on each Pod. On "no", the answer names the isolating policy ' +
        'and a rule that would allow the connection. Live (get and list only), or offline with -f on manifests.',
    )
    .argument('<SERVICE>', 'the Service, optionally with a port name or number: SERVICE:PORT (svc/NAME works too)')
    .requiredOption('--from <CLIENT>', 'the client: POD, or ns/NAMESPACE[,key=value...] (see below)')
    .option('--from-namespace <NS>', 'namespace of the --from Pod (default: -n)')
    .option('-f, --filename <PATH...>', 'read manifests (files, directories, - for standard input) instead of the cluster')
    .allowExcessArguments(false);
  addClusterOptions(command);
  addViewOptions(command).addHelpText('after', HELP);

  return command.action(async (serviceArgument: string, flags: CanReachFlags) => {
    const options = parseViewOptions('can-reach', flags, context);
    const colon = serviceArgument.lastIndexOf(':');
    const serviceName = objectName(colon > 0 ? serviceArgument.slice(0, colon) : serviceArgument, ['service', 'services', 'svc'], 'SERVICE');
    const port = colon > 0 ? serviceArgument.slice(colon + 1) : undefined;
    if (port === '') throw new UsageError('SERVICE:PORT needs a port name or number after the colon');
    let snapshot: Snapshot;
    let namespace: string;
    let client: CanReachClient;
    if (flags.filename && flags.filename.length > 0) {
      namespace = flags.namespace ?? 'default';
      client = parseClient(flags.from, flags.fromNamespace ?? namespace);
      snapshot = await loadManifests(flags.filename, { defaultNamespace: namespace, stdin: () => readStreamBytes(context.io.stdin, STDIN_NAME) });
    } else {
      const scope = await parseClusterOptions(flags, context.io);
      namespace = scope.namespace as string;
      client = parseClient(flags.from, flags.fromNamespace ?? namespace);
      const objects = await readCanReachObjects(scope.api, namespace, serviceName, { namespace: client.namespace, pod: 'pod' in client ? client.pod : null });
      snapshot = assembleClusterSnapshot({ ...objects.service, pods: [...objects.service.pods, ...(objects.clientPod ? [objects.clientPod] : []), ...(objects.dnsPods ?? [])], networkPolicies: [...(objects.service.networkPolicies ?? []), ...objects.clientPolicies] });
      if (objects.dnsPods === null) snapshot.notes.push('cluster DNS Pods could not be listed (forbidden)');
    }
    const lookup = canReachInSnapshot(snapshot, { namespace, service: serviceName, client, ...(port ? { port } : {}) });
    if ('missing' in lookup) throw new NotFoundError(lookup.missing);
    const verdict = lookup.verdict;
    verdict.notes.push(...snapshot.notes, ...snapshot.unavailable.map((kind) => `${kind} could not be read (forbidden): the answer assumes there are none`));
    const stdout = viewOutput(options.output, verdict, [verdict.service.name], () => renderCanReach(verdict, { color: options.color }));
    context.finish({ stdout, exitCode: verdict.reachable === 'yes' ? ExitCode.ok : ExitCode.findings });
  });
}
