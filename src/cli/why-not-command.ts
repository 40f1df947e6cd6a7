import { Command, Option } from 'commander';
import { explainWhyNot } from '../core/live/why-not.js';
import { renderWhyNot } from '../render/why-not-view.js';
import { readWhyNotObjects } from '../sources/cluster/read-pod.js';
import { ExitCode, UsageError } from '../errors.js';
import { addClusterOptions, parseClusterOptions, type RawClusterOptions } from './cluster-options.js';
import { COLOR_MODES, resolveColor, type ColorMode } from './color.js';
import type { CommandContext } from './command-context.js';
import { viewOutput } from './view-output.js';

/** -o and --color as the pod and why-not commands take them. */
export interface LiveViewFlags extends RawClusterOptions {
  output: string;
  color: ColorMode | false;
}

/** The output formats of `pod` and `why-not`. */
const FORMATS = ['table', 'json', 'yaml', 'name'];

/** Declares -o table|json and --color/--no-color, worded as on the other commands. */
export function addViewOptions(command: Command): Command {
  return command
    .option('-o, --output <format>', `output format: ${FORMATS.join(', ')} (yaml = the json document; name = service/NAME lines)`, 'table')
    .addOption(new Option('--color <when>', 'colour human output; auto = only on a terminal, and not with NO_COLOR set').choices(COLOR_MODES).default('auto'))
    .option('--no-color', 'same as --color never');
}

/** Checks -o (a UsageError names the allowed formats) and resolves colour. */
export function parseViewOptions(command: string, flags: LiveViewFlags, context: CommandContext): { output: string; color: boolean } {
  if (!FORMATS.includes(flags.output)) throw new UsageError(`${command} prints ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS[FORMATS.length - 1]}, not ${flags.output}`);
  return { output: flags.output, color: resolveColor(flags.color, context.io.env, context.io.stdout.isTTY) };
}

/** `pod/web-1` and `svc/web` as kubectl writes them become plain names; another kind is a usage error. */
export function objectName(argument: string, kinds: readonly string[], what: string): string {
  const slash = argument.indexOf('/');
  if (slash === -1) return argument;
  const kind = argument.slice(0, slash).toLowerCase();
  if (!kinds.includes(kind)) throw new UsageError(`${what} must be a ${kinds[0]} name, not ${argument}`);
  return argument.slice(slash + 1);
}

const HELP = `
Exit codes:
  0   the Pod is a ready endpoint of the Service for every Service port
  1   it is not (or only for some ports): the first line says why
  2   bad flags or arguments
  3   the cluster cannot be reached or refuses access
  4   the Service or the Pod does not exist in the namespace

Examples:
  # Why does web-3 get no traffic from Service web?
  kubectl svc-explain why-not web web-3 -n shop

  # In a script
  kubectl svc-explain why-not web web-3 -n shop >/dev/null || echo "web-3 is not serving"`;

/** `why-not SERVICE POD`: the rules one by one for one Pod, the answer first; exit 1 unless it is behind and ready. */
export function whyNotCommand(context: CommandContext): Command {
  const command = new Command('why-not')
    .summary('say why a Pod is (not) behind a Service: labels, phase, IP, readiness, node, ports, endpoints')
    .description(
      'Explain why one Pod is or is not behind one Service, the way the endpoint controllers decide it: the namespace, each selector label, phase, IP, readiness (which containers and readiness gates), deletion, the Node, and what each ' +
        "Service port resolves to on the Pod; then whether the Service's EndpointSlices and Endpoints list it, and whether " +
        'that agrees with what Kubernetes should do. Both objects are read from -n. Read-only: get and list only.',
    )
    .argument('<SERVICE>', 'the Service name (svc/NAME works too)')
    .argument('<POD>', 'the Pod name (pod/NAME works too)')
    .allowExcessArguments(false);
  addClusterOptions(command);
  addViewOptions(command).addHelpText('after', HELP);

  return command.action(async (serviceArgument: string, podArgument: string, flags: LiveViewFlags) => {
    const serviceName = objectName(serviceArgument, ['service', 'services', 'svc'], 'SERVICE');
    const podName = objectName(podArgument, ['pod', 'pods', 'po'], 'POD');
    const options = parseViewOptions('why-not', flags, context);
    const scope = await parseClusterOptions(flags, context.io);
    const objects = await readWhyNotObjects(scope.api, scope.namespace as string, serviceName, podName);
    const verdict = explainWhyNot({
      service: objects.services[0],
      pod: objects.pod,
      nodes: objects.nodes,
      endpointSlices: objects.endpointSlices,
      endpoints: objects.endpoints[0] ?? null,
      unavailable: objects.unavailable,
      ...(objects.networkPolicies ? { networkPolicies: objects.networkPolicies } : {}),
    });
    const stdout = viewOutput(options.output, verdict, [serviceName], () => renderWhyNot(verdict, { color: options.color }));
    context.finish({ stdout, exitCode: verdict.behind === 'yes' ? ExitCode.ok : ExitCode.findings });
  });
}
