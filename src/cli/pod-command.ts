import { Command } from 'commander';
import { podServices, relatedServices } from '../core/live/pod-services.js';
import { renderPodServices } from '../render/pod-view.js';
import { readPodObjects } from '../sources/cluster/read-pod.js';
import { ExitCode } from '../errors.js';
import { addClusterOptions, parseClusterOptions } from './cluster-options.js';
import type { CommandContext } from './command-context.js';
import { viewOutput } from './view-output.js';
import { addViewOptions, objectName, parseViewOptions, type LiveViewFlags } from './why-not-command.js';

const HELP = `
Exit codes:
  0   the answer was printed, whatever it says (use why-not SERVICE POD to gate a script)
  2   bad flags or arguments
  3   the cluster cannot be reached or refuses access
  4   the Pod does not exist in the namespace

Examples:
  # Which Services send traffic to web-3, and which nearly would?
  kubectl svc-explain pod web-3 -n shop

  # As JSON, with the full why-not checklist for each Service
  kubectl svc-explain pod web-3 -n shop -o json`;

/** `pod POD`: the Services that select the Pod or nearly do, and for each whether the Pod is behind it and why not. */
export function podCommand(context: CommandContext): Command {
  const command = new Command('pod')
    .summary('list the Services that select a Pod (or nearly do) and whether the Pod is behind each')
    .description(
      "List the Services of the Pod's namespace whose selector matches the Pod, and those that miss it by one label " +
        '(a typo, a missing or look-alike key); for each, whether the Pod is in its EndpointSlices as a ready endpoint, and if not, why. Read-only: get and list only.',
    )
    .argument('<POD>', 'the Pod name (pod/NAME works too)')
    .allowExcessArguments(false);
  addClusterOptions(command);
  addViewOptions(command).addHelpText('after', HELP);

  return command.action(async (podArgument: string, flags: LiveViewFlags) => {
    const podName = objectName(podArgument, ['pod', 'pods', 'po'], 'POD');
    const options = parseViewOptions('pod', flags, context);
    const scope = await parseClusterOptions(flags, context.io);
    const objects = await readPodObjects(scope.api, scope.namespace as string, podName, (pod, services) =>
      relatedServices(pod, services).map((relation) => relation.service),
    );
    const view = podServices(objects);
    const stdout = viewOutput(options.output, view, view.services.map((entry) => entry.service), () => renderPodServices(view, { color: options.color }));
    context.finish({ stdout, exitCode: ExitCode.ok });
  });
}
