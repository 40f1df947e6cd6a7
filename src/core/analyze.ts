import type { AnalysisMode, Check, CheckContext } from './check.js';
import { CHECKS } from './checks/registry.js';
import { analyzeService, toServiceExplanation } from './explain-service.js';
import type { Finding, Report, Severity } from './report.js';
import { compareFindings, compareServices } from './order.js';
import type { Snapshot } from './snapshot.js';
import { runsUnderProfile, severityUnderProfile, type ProfileName } from './profiles.js';
import { buildIndex, refKey } from './snapshot-index.js';
import { defaultVersion } from './version/kubernetes-version.js';

export { IGNORE_ANNOTATION } from './snapshot-index.js';

export interface AnalyzeOptions {
  /** Check ids suppressed for every object (--ignore). */
  ignore?: string[];
  /** Which checks run; defaults to the snapshot's source. */
  mode?: AnalysisMode;
  /** The checks to run; defaults to the registry. */
  checks?: readonly Check[];
  /** A severity profile (--profile); `strict` raises the policy-like checks to warnings. */
  profile?: ProfileName;
}

function parseIgnoreList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
}

/** Runs every check on a snapshot and returns the findings and per-Service explanations. Pure. */
export function analyze(snapshot: Snapshot, options: AnalyzeOptions = {}): Report {
  return runAnalysis(snapshot, options).report;
}

/** analyze(), also handing back the index and per-Service analyses for views that go further (explain). */
export function runAnalysis(snapshot: Snapshot, options: AnalyzeOptions = {}): { report: Report; context: CheckContext } {
  const mode = options.mode ?? snapshot.source;
  const index = buildIndex(snapshot);
  const services = snapshot.services.map((entry) => analyzeService(index, entry));
  const context: CheckContext = { snapshot, index, services };
  const ignoredEverywhere = new Set(options.ignore ?? []);
  const findings: Finding[] = [];
  for (const check of options.checks ?? CHECKS) {
    if (!check.modes.includes(mode) || !runsUnderProfile(options.profile, check.id)) continue;
    for (const result of check.run(context)) {
      const annotation = index.ignoreAnnotations.size > 0 ? index.ignoreAnnotations.get(refKey(result.object)) : undefined;
      const suppressedBy = annotation !== undefined && parseIgnoreList(annotation).includes(check.id) ? 'annotation' : ignoredEverywhere.has(check.id) ? 'flag' : undefined;
      // Field by field: conditional object spreads cost several times more, 10,000 findings at a time.
      const finding: Finding = {
        check: check.id,
        severity: severityUnderProfile(options.profile, check.id, result.severity ?? check.severity),
        suppressed: suppressedBy !== undefined,
        object: result.object,
        message: result.message,
      };
      if (result.location) finding.location = result.location;
      if (suppressedBy) finding.suppressedBy = suppressedBy;
      findings.push(finding);
    }
  }
  findings.sort(compareFindings);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) if (!finding.suppressed) counts[finding.severity] += 1;
  const explanations = services.map(toServiceExplanation).sort(compareServices);
  const objects = snapshot.services.length + snapshot.workloads.length + snapshot.pods.filter((pod) => !pod.template).length +
    snapshot.endpoints.length + snapshot.endpointSlices.length + snapshot.nodes.length;
  const report: Report = {
    findings,
    services: explanations,
    summary: { services: snapshot.services.length, objects, findings: counts, suppressed: findings.filter((f) => f.suppressed).length },
    notes: [...snapshot.notes, ...snapshot.unavailable.map((kind) => `${kind} could not be read; checks that need them were skipped`)],
    kubernetesVersion: snapshot.kubernetesVersion ?? defaultVersion(),
  };
  return { report, context };
}
