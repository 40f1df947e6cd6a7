import { Command } from 'commander';
import { analyze } from '../core/analyze.js';
import { CHECKS } from '../core/checks/registry.js';
import { renderStatusLines } from '../render/status-lines.js';
import { assembleClusterSnapshot } from '../sources/cluster/cluster-snapshot.js';
import { ensureNamespaceExists, readNamespaceObjects } from '../sources/cluster/read-cluster.js';
import { withServerVersion } from '../sources/cluster/read-version.js';
import { addClusterOptions, parseClusterOptions, type RawClusterOptions } from './cluster-options.js';
import type { CommandContext } from './command-context.js';
import { exitCodeFor } from './exit-code.js';
import { printReport } from './print-report.js';
import { addReportOptions, parseReportOptions, type RawReportOptions } from './report-options.js';

const EXAMPLES = `
Examples:
  # Every Service in the current namespace, one line each
  kubectl svc-explain check

  # The whole cluster; fail on warnings too; JUnit for a CI dashboard
  kubectl svc-explain check -A --fail-on warning -o junit > services.xml

  # Full per-Service explanation (selector, Pods, ports) for a namespace
  kubectl svc-explain check -n shop -o wide`;

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
  addReportOptions(command).addHelpText('after', EXAMPLES);

  return command.action(async (flags: RawClusterOptions & RawReportOptions) => {
    const options = parseReportOptions(flags, CHECKS, context.io);
    const scope = await parseClusterOptions(flags, context.io);
    if (scope.namespace !== null && scope.namespaceExplicit) await ensureNamespaceExists(scope.api, scope.namespace);
    const snapshot = await withServerVersion(scope.api, readNamespaceObjects(scope.api, scope.namespace).then(assembleClusterSnapshot));
    const report = analyze(snapshot, { ignore: options.ignore, mode: 'cluster' });
    if (options.output === 'table' && !options.quiet) {
      context.finish({ stdout: renderStatusLines(report, { color: options.color }), exitCode: exitCodeFor(report, options.failOn) });
      return;
    }
    context.finish(printReport(report, options, { checks: CHECKS, packageInfo: context.packageInfo, cwd: context.io.cwd }));
  });
}
