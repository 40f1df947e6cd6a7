import { Command, Option } from 'commander';
import { CHECKS } from '../core/checks/registry.js';
import { buildExplainView } from '../core/live/explain-view.js';
import type { IptablesRuleOptions } from '../core/predict/iptables-rules.js';
import type { ProxyMode } from '../core/predict/proxy-target-types.js';
import { renderExplain } from '../render/explain.js';
import { assembleClusterSnapshot } from '../sources/cluster/cluster-snapshot.js';
import { readServiceObjects } from '../sources/cluster/read-cluster.js';
import { explainWatchTargets } from '../sources/cluster/watch-targets.js';
import { routeWatchTargets } from '../sources/cluster/watch-route-targets.js';
import { withServerVersion } from '../sources/cluster/read-version.js';
import { UsageError } from '../errors.js';
import { parseClusterDomain } from '../core/dns/cluster-domain.js';
import { DEFAULT_CLUSTER_DOMAIN } from '../core/dns/service-records.js';
import { addClusterOptions, parseClusterOptions, type RawClusterOptions } from './cluster-options.js';
import type { CommandContext } from './command-context.js';
import { CLUSTER_VERSION_HELP } from './version-help.js';
import { exitCodeFor } from './exit-code.js';
import { runWatchLoop, untilInterrupted } from './watch-loop.js';
import { viewOutput } from './view-output.js';
import { addReportOptions, parseReportOptions, type RawReportOptions } from './report-options.js';
import { parseExplainTarget } from './explain-target.js';
import { explainRoute } from './explain-route.js';

interface ExplainFlags extends RawClusterOptions, RawReportOptions {
  showRules?: boolean;
  localhostNodeportCounter?: boolean;
  proxyMode: ProxyMode;
  node?: string;
  clusterCidr?: string;
  watch?: boolean;
  filename?: string[];
  clusterDomain: string;
}

const EXAMPLES = `
Examples:
  # Why does my-service not answer? Pods, ports, endpoints and proxy targets
  kubectl svc-explain my-service -n shop

  # Where kube-proxy on node-1 sends the traffic, with the iptables rules to grep for
  kubectl svc-explain explain my-service --node node-1 --show-rules

  # Chain names to look for in "nft list table ip kube-proxy" (kube-proxy in nftables mode)
  kubectl svc-explain my-service --proxy-mode nftables

  # Everything as JSON
  kubectl svc-explain my-service -o json

  # The whole way in: an Ingress (or httproute/, grpcroute/, tlsroute/, tcproute/, udproute/) through each
  # backend Service port to the Pods, endpoints and proxy targets; offline on manifests with -f
  kubectl svc-explain explain ingress/shop -n shop
  kubectl svc-explain explain -f k8s/ httproute/store -n shop

  # Follow a rollout: the view is redrawn whenever Pods, endpoints or the Service change (Ctrl-C to stop)
  kubectl svc-explain my-service --watch`;

function rulesOptions(flags: ExplainFlags): IptablesRuleOptions {
  return {
    ...(flags.node ? { nodeName: flags.node } : {}),
    ...(flags.clusterCidr ? { localDetector: { mode: 'ClusterCIDR' as const, cidr: flags.clusterCidr } } : {}),
    ...(flags.localhostNodeportCounter ? { localhostNodePortsNfacct: true } : {}),
  };
}

/** `explain SERVICE` (also the default command): one Service, everything about it, from a live cluster. */
export function explainCommand(context: CommandContext, name = 'explain'): Command {
  const command = new Command(name)
    .summary('explain one Service of a live cluster: Pods, near misses, ports, endpoints, proxy targets')
    .description(
      'Explain one Service: which Pods its selector matches and which nearly match, what each port resolves to on ' +
        'each Pod, the EndpointSlices and Endpoints Kubernetes generated next to what it should have generated, and ' +
        'where kube-proxy sends the traffic, for each IP family of the Service and from every EndpointSlice it reads ' +
        '(each backend names its slice and manager). Read-only: get and list only.',
    )
    .argument('[SERVICE]', 'the Service name (svc/NAME works too), or ingress/NAME, httproute/NAME, grpcroute/NAME, tlsroute/NAME, tcproute/NAME, udproute/NAME')
    .allowExcessArguments(false);
  addClusterOptions(command);
  addReportOptions(command)
    .option('--show-rules', 'also print the iptables-save rules kube-proxy writes for the Service')
    .addOption(new Option('--node <NODE>', 'compute proxy targets as kube-proxy on this node sees them (matters for Local traffic policies)'))
    .addOption(new Option('--proxy-mode <MODE>', "kube-proxy's --proxy-mode, for the chain names shown").choices(['iptables', 'nftables']).default('iptables'))
    .option('--cluster-cidr <CIDR>', "kube-proxy's --cluster-cidr (one per family, comma-separated), for the masquerade rule of --show-rules")
    .option(
      '--localhost-nodeport-counter',
      'with --show-rules: the node\'s kernel has nfacct, so kube-proxy also counts NodePort traffic to 127.0.0.0/8 (IPv4) in a rule of its own',
    )
    .option('-f, --filename <PATH>', 'routes only: read manifests (a file, a directory, - for standard input; repeat for more) instead of the cluster', (path: string, paths: string[] = []) => [...paths, path])
    .option('--cluster-domain <DOMAIN>', "the cluster's DNS domain (kubelet --cluster-domain), for the DNS records shown", DEFAULT_CLUSTER_DOMAIN)
    .option('-w, --watch', 'keep the view current (watch verb): redraw on a terminal, one block per change otherwise; Ctrl-C exits 0')
    .addHelpText('after', EXAMPLES + CLUSTER_VERSION_HELP);

  return command.action(async (argument: string | undefined, flags: ExplainFlags) => {
    if (!argument) throw new UsageError('give a SERVICE to explain, or a command: lint, check, explain, pod, why-not (see --help)');
    const target = parseExplainTarget(argument);
    const serviceName = target.name;
    const options = parseReportOptions(flags, CHECKS, context.io);
    if (!['table', 'wide', 'json', 'yaml', 'name'].includes(options.output)) throw new UsageError(`explain prints table, wide, json, yaml or name, not ${options.output} (use check for sarif and junit)`);
    if (flags.showRules && flags.proxyMode !== 'iptables') throw new UsageError('--show-rules prints iptables rules; it does not support --proxy-mode nftables');
    const clusterDomain = parseClusterDomain(flags.clusterDomain);
    if (!clusterDomain) throw new UsageError(`--cluster-domain: "${flags.clusterDomain}" is not a DNS name (lowercase labels separated by dots, like cluster.local)`);
    if (target.kind !== 'Service') {
      if (flags.watch) throw new UsageError('--watch follows a Service; it does not work with routes');
      context.finish(await explainRoute(context, {
        target,
        ...(flags.filename ? { filename: flags.filename } : {}),
        flags,
        output: options.output,
        color: options.color,
        width: options.width,
        failOn: options.failOn,
        view: { ignore: options.ignore, ...(options.profile ? { profile: options.profile } : {}), ...(flags.node ? { nodeName: flags.node } : {}), proxyMode: flags.proxyMode, clusterDomain, ...(flags.showRules ? { rules: rulesOptions(flags) } : {}) },
      }));
      return;
    }
    if (flags.filename) throw new UsageError('-f explains routes (ingress/NAME, httproute/NAME, ...); for Services on manifests use lint');
    const scope = await parseClusterOptions(flags, context.io);
    const namespace = scope.namespace as string;
    const explainOnce = async () => {
      const snapshot = await withServerVersion(scope.api, readServiceObjects(scope.api, namespace, serviceName).then(assembleClusterSnapshot));
      const { view, report } = buildExplainView(snapshot, serviceName, {
        ignore: options.ignore,
        profile: options.profile,
        ...(flags.node ? { nodeName: flags.node } : {}),
        proxyMode: flags.proxyMode,
        clusterDomain,
        ...(flags.showRules ? { rules: rulesOptions(flags) } : {}),
      });
      const stdout = viewOutput(options.output, view, [serviceName], () => renderExplain(view, { color: options.color, width: options.width }));
      return { stdout, exitCode: exitCodeFor(report, options.failOn) };
    };
    if (flags.watch) {
      const stop = untilInterrupted();
      await runWatchLoop({ api: scope.api, targets: [...explainWatchTargets(namespace, serviceName), ...(await routeWatchTargets(scope.api, namespace))], render: async () => (await explainOnce()).stdout, io: context.io, stop });
      context.finish({ stdout: '', exitCode: 0 });
      return;
    }
    context.finish(await explainOnce());
  });
}
