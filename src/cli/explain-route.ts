import { buildRouteExplainView } from '../core/routes/route-chain.js';
import type { ExplainViewOptions } from '../core/live/explain-view.js';
import type { Snapshot } from '../core/snapshot.js';
import { renderNames } from '../render/machine-formats.js';
import { renderRouteExplain } from '../render/route-view.js';
import { assembleClusterSnapshot } from '../sources/cluster/cluster-snapshot.js';
import { readRouteChainObjects } from '../sources/cluster/read-route-chain.js';
import { withServerVersion } from '../sources/cluster/read-version.js';
import { loadManifests, STDIN_NAME } from '../sources/manifests/load-manifests.js';
import { NotFoundError } from '../errors.js';
import { parseClusterOptions, type RawClusterOptions } from './cluster-options.js';
import type { CommandContext } from './command-context.js';
import { exitCodeFor } from './exit-code.js';
import { readStreamBytes } from '../sources/manifests/read-input-bytes.js';
import type { ExplainTarget } from './explain-target.js';
import { viewOutput } from './view-output.js';
import type { FailOn } from '../render/fail-on.js';

/** What the route view needs from explain's parsed flags. */
export interface RouteExplainRun {
  target: ExplainTarget;
  filename?: string[];
  flags: RawClusterOptions;
  output: string;
  color: boolean;
  width?: number;
  failOn: FailOn;
  view: ExplainViewOptions;
}

/** `explain ingress/NAME`, `explain httproute/NAME`, ...: read (the cluster, or manifests with -f), build the route chain, print it. */
export async function explainRoute(context: CommandContext, run: RouteExplainRun): Promise<{ stdout: string; exitCode: number }> {
  let snapshot: Snapshot;
  let namespace: string;
  if (run.filename && run.filename.length > 0) {
    namespace = run.flags.namespace ?? 'default';
    snapshot = await loadManifests(run.filename, { defaultNamespace: namespace, stdin: () => readStreamBytes(context.io.stdin, STDIN_NAME) });
  } else {
    const scope = await parseClusterOptions(run.flags, context.io);
    namespace = scope.namespace as string;
    snapshot = await withServerVersion(scope.api, readRouteChainObjects(scope.api, { kind: run.target.kind, namespace, name: run.target.name }).then(assembleClusterSnapshot));
  }
  const built = buildRouteExplainView(snapshot, { kind: run.target.kind, namespace, name: run.target.name }, run.view);
  if (!built) throw new NotFoundError(`${run.target.kind} "${run.target.name}" not found in namespace "${namespace}" of the manifests`);
  const qualified = `${run.target.kind.toLowerCase()}.${run.target.kind === 'Ingress' ? 'networking.k8s.io' : 'gateway.networking.k8s.io'}`;
  const stdout = run.output === 'name' ? renderNames(qualified, [run.target.name]) : viewOutput(run.output, built.view, [], () => renderRouteExplain(built.view, { color: run.color, ...(run.width ? { width: run.width } : {}) }));
  return { stdout, exitCode: exitCodeFor(built.report, run.failOn) };
}
