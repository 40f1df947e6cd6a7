import { escapeForTerminal } from '../render/terminal-safe.js';
import { Command } from 'commander';
import { analyze } from '../core/analyze.js';
import { CHECKS } from '../core/checks/registry.js';
import { ExitCode, UsageError } from '../errors.js';
import { readManifests, STDIN_NAME } from '../sources/manifests/load-manifests.js';
import type { CommandContext } from './command-context.js';
import { readStreamBytes } from '../sources/manifests/read-input-bytes.js';
import { printReport } from './print-report.js';
import { addReportOptions, parseReportOptions, type RawReportOptions } from './report-options.js';
import { kubernetesVersionOption, parseKubernetesVersion } from './version-option.js';

interface LintFlags extends RawReportOptions {
  namespace: string;
  kubernetesVersion?: string;
}

const EXAMPLES = `
Examples:
  # Check manifests before applying them
  kubectl svc-explain lint deploy/web.yaml deploy/api.yaml

  # Check what Helm or Kustomize would apply
  helm template ./chart | kubectl svc-explain lint -
  kubectl kustomize overlays/prod | kubectl svc-explain lint -n prod -

  # Fail CI on warnings too, and write SARIF for GitHub code scanning
  kubectl svc-explain lint --fail-on warning -o sarif k8s/ > svc-explain.sarif

  # Validate for the cluster you deploy to (name rules, deprecations); default: the newest supported
  kubectl svc-explain lint --kubernetes-version 1.33 k8s/

  # Accept a known finding everywhere (or per Service: annotation svc-explain/ignore)
  kubectl svc-explain lint --ignore target-port-not-declared k8s/`;

/** `lint [PATH...]`: read manifests → analyze offline → print; no cluster is contacted. */
export function lintCommand(context: CommandContext): Command {
  const command = new Command('lint')
    .summary('check Service manifests offline, without a cluster')
    .description(
      'Check that each Service in the given manifests selects the Pod templates it should and that its ports resolve.\n' +
        'No cluster is contacted. Exit code 1 means a finding at or above --fail-on.',
    )
    .argument('[PATH...]', 'manifest files (YAML, JSON, kind: List) or directories (searched for *.yaml, *.yml, *.json); - reads standard input')
    .option('-n, --namespace <NS>', 'namespace for objects that do not set one', 'default')
    .addOption(kubernetesVersionOption());
  addReportOptions(command).addHelpText('after', EXAMPLES);

  return command.action(async (paths: string[], flags: LintFlags) => {
    if (paths.length === 0) {
      throw new UsageError('lint needs at least one PATH: a manifest file, a directory, or - to read standard input');
    }
    const options = parseReportOptions(flags, CHECKS, context.io);
    const kubernetesVersion = parseKubernetesVersion(flags.kubernetesVersion);
    const { snapshot, errors } = await readManifests(paths, {
      defaultNamespace: flags.namespace,
      stdin: () => readStreamBytes(context.io.stdin, STDIN_NAME),
    });
    const report = analyze({ ...snapshot, kubernetesVersion }, { ignore: options.ignore, mode: 'manifests', profile: options.profile });
    const outcome = printReport(report, options, { checks: CHECKS, packageInfo: context.packageInfo, cwd: context.io.cwd });
    // A file or object that could not be read is named on stderr, after a report of everything else, and the run exits 2.
    const empty = snapshot.services.length + snapshot.pods.length + snapshot.endpoints.length + snapshot.endpointSlices.length + snapshot.nodes.length === 0;
    const stderr = errors.map((error) => `svc-explain: ${escapeForTerminal(error)}\n`).join('');
    if (errors.length > 0 && empty) context.finish({ stdout: '', stderr, exitCode: ExitCode.input });
    else if (errors.length > 0) context.finish({ ...outcome, stderr, exitCode: ExitCode.input });
    else context.finish(outcome);
  });
}
