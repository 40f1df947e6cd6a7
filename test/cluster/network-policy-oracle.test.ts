// NetworkPolicy verdicts against an independent engine (issue 12): cyclonus' matcher, built from its Go
// module by scripts/oracle/build.sh. Seeded random scenarios (namespaces with labels, Pods with named
// and numbered ports, 1-5 policies) go through the real API server first (server-side dry run), so both
// engines see the policies exactly as Kubernetes stores them: validated, with policyTypes and protocols
// defaulted. Then every (client Pod, server Pod, port, protocol, address family) is asked of both.
//
// cyclonus matches label selectors with code of its own that differs from Kubernetes' on absent keys
// (`k NotIn (v)` and matchLabels `k: ""` on a Pod without label k). So every selector of a scenario is
// also checked against apimachinery's LabelSelectorAsSelector (Kubernetes' implementation, in the same
// helper): svc-explain must agree with it always; scenarios where cyclonus' selectors disagree with it are
// not compared with cyclonus, and counted.
//   SVC_EXPLAIN_NETPOL_SEED=<n>  SVC_EXPLAIN_NETPOL_SCENARIOS=<count> (default 500)
import { spawnSync } from 'node:child_process';
import https from 'node:https';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateConnection, type PolicyContext, type PolicyPod, type PolicyTraffic } from '../../src/core/network-policy/evaluate.js';
import type { LabelSelector, NetworkPolicy } from '../../src/core/network-policy/types.js';
import { matchesLabelSelector } from '../../src/core/label-selector.js';
import { containerPortProtocol } from '../../src/core/find-port.js';
import { ipFamilyOf } from '../../src/core/predict/ip-address.js';
import { cluster, createNamespace, deleteNamespace } from './helpers/k8s.js';
import { generatePolicyScenario, type PolicyScenario, type PolicyScenarioPod } from './helpers/netpol-generator.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const seed = Number(process.env.SVC_EXPLAIN_NETPOL_SEED ?? 20261201);
const count = Number(process.env.SVC_EXPLAIN_NETPOL_SCENARIOS ?? 500);

function buildOracle(): string {
  const r = spawnSync('bash', [path.join(root, 'scripts', 'oracle', 'build.sh'), path.join(root, 'test', 'oracle', 'netpol')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the cyclonus oracle failed:\n${r.stderr}`);
  return r.stdout.trim().split('\n').pop()!;
}

/** Server-side dry-run create: the policy as the API server would store it, or null when it rejects it. */
function dryRunCreate(policy: NetworkPolicy): Promise<NetworkPolicy | null> {
  const { server, caFile, adminToken } = cluster();
  const url = new URL(`/apis/networking.k8s.io/v1/namespaces/${policy.metadata.namespace}/networkpolicies?dryRun=All`, server);
  const body = JSON.stringify(policy);
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: 'POST', ca: fs.readFileSync(caFile), headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        if (res.statusCode === 201 || res.statusCode === 200) resolve(JSON.parse(text));
        else if (res.statusCode === 422) resolve(null);
        else reject(new Error(`dry-run create ${policy.metadata.name}: HTTP ${res.statusCode} ${text.slice(0, 300)}`));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Query {
  scenario: number;
  text: string;
  ours: { allowed: boolean; ingress: boolean; egress: boolean };
  oracle: { source: unknown; destination: unknown; port: number; portName: string; protocol: string };
}

/** Every selector of the policies, with every label set of the scenario (Pods and namespaces). */
function selectorQueriesOf(scenario: PolicyScenario, policies: NetworkPolicy[]): Array<{ selector: LabelSelector; labels: Record<string, string> }> {
  const selectors: LabelSelector[] = [];
  for (const policy of policies) {
    selectors.push(policy.spec?.podSelector ?? {});
    for (const rule of [...(policy.spec?.ingress ?? []), ...(policy.spec?.egress ?? [])]) {
      for (const peer of [...(rule.from ?? []), ...(rule.to ?? [])]) {
        if (peer.podSelector) selectors.push(peer.podSelector);
        if (peer.namespaceSelector) selectors.push(peer.namespaceSelector);
      }
    }
  }
  const labelSets = [...scenario.pods.map((pod) => pod.labels), ...Object.values(scenario.namespaces)];
  return selectors.flatMap((selector) => labelSets.map((labels) => ({ selector, labels })));
}

function queriesOf(scenario: PolicyScenario, policies: NetworkPolicy[]): Query[] {
  const context: PolicyContext = {
    policies: policies.map((object) => ({ object, ref: { kind: 'NetworkPolicy', namespace: object.metadata.namespace!, name: object.metadata.name! } })),
    namespaceLabels: (namespace) => scenario.namespaces[namespace],
  };
  const asPolicyPod = (pod: PolicyScenarioPod): PolicyPod => ({ ref: { kind: 'Pod', namespace: pod.namespace, name: pod.name }, namespace: pod.namespace, labels: pod.labels, ips: pod.ips, ports: pod.ports });
  const peer = (pod: PolicyScenarioPod, ip: string) => ({ namespace: pod.namespace, labels: pod.labels, namespaceLabels: scenario.namespaces[pod.namespace], ip });
  const out: Query[] = [];
  for (const client of scenario.pods) {
    for (const server of scenario.pods) {
      if (client === server) continue;
      const targets = [...server.ports.map((p) => ({ port: p.containerPort, protocol: containerPortProtocol(p) })), { port: 7777, protocol: 'TCP' }, { port: 8080, protocol: 'UDP' }];
      for (const { port, protocol } of targets) {
        for (const serverIp of server.ips) {
          const family = ipFamilyOf(serverIp);
          const clientIp = client.ips.find((ip) => ipFamilyOf(ip) === family);
          if (!clientIp) continue;
          const traffic: PolicyTraffic = { port, protocol, family };
          const verdict = evaluateConnection(context, asPolicyPod(client), asPolicyPod(server), traffic);
          const portName = server.ports.find((p) => p.containerPort === port && containerPortProtocol(p) === protocol)?.name ?? '';
          out.push({
            scenario: scenario.index,
            text: `scenario ${scenario.index}: ${client.namespace}/${client.name} (${clientIp}) -> ${server.namespace}/${server.name} (${serverIp}) ${port}/${protocol}`,
            ours: { allowed: verdict.allowed, ingress: verdict.ingress.allowed, egress: verdict.egress.allowed },
            oracle: { source: peer(client, clientIp), destination: peer(server, serverIp), port, portName, protocol },
          });
        }
      }
    }
  }
  return out;
}

describe(`NetworkPolicy verdicts vs cyclonus (seed ${seed}, ${count} scenarios)`, () => {
  let oracle = '';
  const namespaces: string[] = [];
  beforeAll(async () => {
    oracle = buildOracle();
    for (let i = 0; i < 3; i++) namespaces.push(await createNamespace('np'));
  }, 900_000);
  afterAll(async () => {
    for (const namespace of namespaces) await deleteNamespace(namespace);
  });

  it('every connection verdict equals the oracle\'s', async () => {
    const differences: string[] = [];
    const selectorDifferences: string[] = [];
    const excluded: number[] = [];
    let rejected = 0;
    let policies = 0;
    let allowed = 0;
    let compared = 0;
    let comparedScenarios = 0;
    let selectorQueries = 0;
    // Scenarios are generated until `count` of them could be compared with cyclonus (at most 3 × count).
    let index = 0;
    for (; comparedScenarios < count && index < count * 3; index++) {
      const scenario = generatePolicyScenario(seed, index, namespaces);
      const results = await Promise.all(scenario.policies.map(dryRunCreate));
      const accepted = results.filter((result): result is NetworkPolicy => result !== null);
      policies += results.length;
      rejected += results.length - accepted.length;
      const group = queriesOf(scenario, accepted);
      const selectors = selectorQueriesOf(scenario, accepted);
      const input = JSON.stringify({ policies: accepted, queries: group.map((q) => q.oracle), selectorQueries: selectors });
      const r = spawnSync(oracle, [], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
      if (r.status !== 0) throw new Error(`oracle failed on scenario ${index}: ${r.stderr}`);
      const answer = JSON.parse(r.stdout) as { verdicts: Array<{ allowed: boolean; ingress: boolean; egress: boolean }>; selectors: Array<{ kubernetes: boolean; cyclonus: boolean }> };
      selectorQueries += selectors.length;
      selectors.forEach((q, i) => {
        if (matchesLabelSelector(q.selector, q.labels) !== answer.selectors[i].kubernetes) selectorDifferences.push(`scenario ${index}: ${JSON.stringify(q)}: apimachinery ${answer.selectors[i].kubernetes}`);
      });
      if (answer.selectors.some((a) => a.kubernetes !== a.cyclonus)) {
        excluded.push(index);
        continue;
      }
      comparedScenarios++;
      compared += group.length;
      group.forEach((q, i) => {
        if (q.ours.allowed) allowed++;
        const theirs = answer.verdicts[i];
        if (theirs.allowed !== q.ours.allowed || theirs.ingress !== q.ours.ingress || theirs.egress !== q.ours.egress) {
          differences.push(`${q.text}: svc-explain ${JSON.stringify(q.ours)}, cyclonus ${JSON.stringify(theirs)}\n  policies: ${JSON.stringify(accepted.map((p) => ({ name: p.metadata.name, namespace: p.metadata.namespace, spec: p.spec })))}`);
        }
      });
    }
    console.log(
      `[netpol-oracle] seed ${seed}: ${index} scenarios generated, ${policies} policies (${rejected} rejected by the API server); ` +
        `${selectorQueries} selector matches compared with apimachinery (${selectorDifferences.length} differences); ` +
        `${comparedScenarios} scenarios compared with cyclonus: ${compared} connections (${allowed} allowed, ${compared - allowed} denied), ${differences.length} differences; ` +
        `${excluded.length} scenarios not compared with cyclonus (its selector matching differs from apimachinery's on absent keys)`,
    );
    expect(selectorDifferences.slice(0, 5)).toEqual([]);
    expect(differences.slice(0, 5)).toEqual([]);
    expect(comparedScenarios).toBe(count);
    expect(compared).toBeGreaterThan(count * 5);
    expect(allowed).toBeGreaterThan(0);
    expect(allowed).toBeLessThan(compared);
  }, 900_000);
});
