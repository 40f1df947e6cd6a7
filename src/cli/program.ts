import { Command, type CommandOptions } from 'commander';
import type { CommandContext } from './command-context.js';
import { canReachCommand } from './can-reach-command.js';
import { checkCommand } from './check-command.js';
import { completionCommand } from './completion-command.js';
import { explainCommand } from './explain-command.js';
import { lintCommand } from './lint-command.js';
import { podCommand } from './pod-command.js';
import { whyNotCommand } from './why-not-command.js';
import { versionCommand } from './version-command.js';

const EXAMPLES = `
Examples:
  # Explain one Service of the current cluster (same as: explain SERVICE)
  kubectl svc-explain my-service -n shop

  # Every Service of the cluster, one line each
  kubectl svc-explain check -A

  # Why is this Pod not getting traffic?
  kubectl svc-explain why-not my-service my-pod-7d9f -n shop
  kubectl svc-explain pod my-pod-7d9f -n shop

  # May the frontend's Pods connect to it under the NetworkPolicies?
  kubectl svc-explain can-reach --from ns/web,app=frontend my-service -n shop

  # Check manifests offline
  kubectl svc-explain lint deploy/
  helm template ./chart | kubectl svc-explain lint -

Exit codes:
  0   nothing at or above --fail-on (default: error)
  1   findings at or above --fail-on (why-not: the Pod is not behind the Service)
  2   bad flags or arguments, or input that cannot be read or parsed
  3   the cluster cannot be reached or refuses access
  4   a named object does not exist
  70  internal error (SVC_EXPLAIN_DEBUG=1 prints the stack trace)

Colour: --color auto|always|never (auto: only on a terminal); NO_COLOR turns auto off.`;

/** The `kubectl svc-explain` command tree; main() parses with it, tests can inspect it. */
export function createProgram(context: CommandContext): Command {
  const program = new Command('kubectl svc-explain')
    .description('Explain why a Kubernetes Service does or does not reach its Pods.')
    .version(context.packageInfo.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .configureOutput({ ...context.helpOutput, outputError: () => {} })
    .showSuggestionAfterError(true)
    .addHelpText('after', EXAMPLES);

  // One line per subcommand. The default command (SERVICE) will be added with { isDefault: true }.
  addSubcommand(program, lintCommand(context));
  addSubcommand(program, checkCommand(context));
  addSubcommand(program, explainCommand(context));
  addSubcommand(program, podCommand(context));
  addSubcommand(program, whyNotCommand(context));
  addSubcommand(program, canReachCommand(context));
  addSubcommand(program, versionCommand(context));
  addSubcommand(program, completionCommand(context));
  addSubcommand(program, explainCommand(context, 'service'), { isDefault: true, hidden: true });
  return program;
}

/** Adds a subcommand that shares the program's error handling, output capture and help settings. */
function addSubcommand(program: Command, command: Command, options?: CommandOptions): void {
  program.addCommand(command.copyInheritedSettings(program), options);
}
