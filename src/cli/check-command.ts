import { Command } from 'commander';
import { analyze } from '../core/analyze.js';
import { CHECKS } from '../core/checks/registry.js';
import { renderStatusLines } from '../render/status-lines.js';
import { assembleClusterSnapshot, type ClusterObjects } from '../sources/cluster/cluster-snapshot.js';
import { BadRequestError, type KubeApi } from '../sources/cluster/kube-api.js';
import { UsageError } from '../errors.js';
import { ensureNamespaceExists, readNamespaceObjects } from '../sources/cluster/read-cluster.js';
import { checkWatchTargets } from '../sources/cluster/watch-targets.js';
import { routeWatchTargets } from '../sources/cluster/watch-route-targets.js';
import { withServerVersion } from '../sources/cluster/read-version.js';
import { addClusterOptions, parseClusterOptions, type RawClusterOptions } from './cluster-options.js';
import type { CommandContext } from './command-context.js';
import { CLUSTER_VERSION_HELP } from './version-help.js';
import { exitCodeFor } from './exit-code.js';
import { outcomeText, printReport } from './print-report.js';
import { runWatchLoop, untilInterrupted } from './watch-loop.js';
import { addReportOptions, parseReportOptions, type RawReportOptions } from './report-options.js';

const EXAMPLES = `
Examples:
  # Every Service in the current namespace, one line each
  kubectl svc-explain check

  # The whole cluster; fail on warnings too; JUnit for a CI dashboard
  kubectl svc-explain check -A --fail-on warning -o junit > services.xml

  # Full per-Service explanation (selector, Pods, ports) for a namespace
  kubectl svc-explain check -n shop -o wide

  # Follow a drain: one line per Service, redrawn whenever something changes (Ctrl-C to stop)
  kubectl svc-explain check -n shop --watch

  # Only the Services labelled team=payments, or one Service by name (filtered by the API server)
  kubectl svc-explain check -A -l team=payments
  kubectl svc-explain check -n shop --field-selector metadata.name=web -o name`;

interface CheckFlags extends RawClusterOptions, RawReportOptions {
  selector?: string;
  fieldSelector?: string;
  watch?: boolean;
}

/** Reads the namespace with -l/--field-selector passed to the Services list; a selector the server rejects is a usage error. */
async function readFilteredObjects(api: KubeApi, namespace: string | null, flags: CheckFlags): Promise<ClusterObjects> {
  const query = {
    ...(flags.selector !== undefined ? { labelSelector: flags.selector } : {}),
    ...(flags.fieldSelector !== undefined ? { fieldSelector: flags.fieldSelector } : {}),
  };
  try {
    return await readNamespaceObjects(api, namespace, query);
  } catch (error) {
    if (error instanceof BadRequestError && Object.keys(query).length > 0) throw new UsageError(`invalid -l/--selector or --field-selector: ${error.message.replace(/^.*?\(400 Bad Request\):? ?/, '')}`);
    throw error;
  }
}

/** `check`: read a namespace (or all) → analyze live → one line per Service, or any report format. */
export function checkCommand(context: CommandContext): Command {
  const command = new Command('check')
    .summary('check every Service in a namespace (or all) of a live cluster')
    .description(
      'Check every Service of a live cluster: selector matches, ports, readiness, and the EndpointSlices and Endpoints ' +
        'Kubernetes generated against what it should have generated. Read-only: get and list only. ' +
        '-o table prints one line per Service; -o wide explains each Service in full.',
    );
  addClusterOptions(command, { allNamespaces: true });
  command
    .option('-l, --selector <SELECTOR>', 'only the Services with these labels, e.g. app=web,tier!=db or \'env in (prod)\' (label selector syntax)')
    .option('--field-selector <SELECTOR>', 'only the Services whose fields match, e.g. metadata.name=web');
  addReportOptions(command)
    .option('-w, --watch', 'keep the view current (watch verb): redraw on a terminal, one block per change otherwise; Ctrl-C exits 0')
    .addHelpText('after', EXAMPLES + CLUSTER_VERSION_HELP);

  return command.action(async (flags: CheckFlags) => {
    const options = parseReportOptions(flags, CHECKS, context.io);
    const scope = await parseClusterOptions(flags, context.io);
    if (scope.namespace !== null && scope.namespaceExplicit) await ensureNamespaceExists(scope.api, scope.namespace);
    const checkOnce = async () => {
      const snapshot = await withServerVersion(scope.api, readFilteredObjects(scope.api, scope.namespace, flags).then(assembleClusterSnapshot));
      const report = analyze(snapshot, { ignore: options.ignore, mode: 'cluster', profile: options.profile });
      if (options.output === 'table' && !options.quiet) return { stdout: renderStatusLines(report, { color: options.color, width: options.width }), exitCode: exitCodeFor(report, options.failOn) };
      return printReport(report, options, { checks: CHECKS, packageInfo: context.packageInfo, cwd: context.io.cwd });
    };
    if (flags.watch) {
      const stop = untilInterrupted();
      await runWatchLoop({ api: scope.api, targets: [...checkWatchTargets(scope.namespace), ...(await routeWatchTargets(scope.api, scope.namespace))], render: async () => outcomeText(await checkOnce()), io: context.io, stop });
      context.finish({ stdout: '', exitCode: 0 });
      return;
    }
    context.finish(await checkOnce());
  });
}
