// The Gateway API CRDs from the sigs.k8s.io/gateway-api Go module (scripts/cluster/gateway-api-crds.sh
// takes them from the module proxy into the cache), installed into the test control plane as they
// are: the real schemas and CEL rules, validated by the real kube-apiserver. The global setup installs
// them for the whole run; tests that need a cluster without them delete and reinstall them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The plurals svc-explain reads; the bundle's other CRDs (ListenerSet, BackendTLSPolicy, x-k8s.io) are left out. */
export const GATEWAY_PLURALS = ['gatewayclasses', 'gateways', 'httproutes', 'grpcroutes', 'tlsroutes', 'tcproutes', 'udproutes', 'referencegrants'];

/** Where to reach the apiserver as admin (the fields of ClusterInfo the global setup has before inject). */
export interface AdminAccess {
  server: string;
  caFile: string;
  adminToken: string;
}

export interface Crd {
  metadata: { name: string; annotations?: Record<string, string>; resourceVersion?: string };
  spec: { group: string; names: { plural: string; kind: string }; versions: { name: string; served: boolean; storage: boolean }[] };
  status?: { conditions?: { type: string; status: string }[] };
}

let dir: string | undefined;
/** The cached module files (crd/standard, crd/experimental, examples/), prepared by the script on first use. */
export function gatewayApiDir(): string {
  if (dir) return dir;
  const r = spawnSync('bash', [path.join(root, 'scripts', 'cluster', 'gateway-api-crds.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`scripts/cluster/gateway-api-crds.sh failed (exit ${r.status ?? r.signal})`);
  dir = r.stdout.trim().split('\n').pop()!;
  return dir;
}

/** The CRDs of one channel for the plurals svc-explain reads, as plain objects. */
export function gatewayCrds(channel: 'standard' | 'experimental' = 'experimental'): Crd[] {
  return GATEWAY_PLURALS.map((plural) => {
    const file = path.join(gatewayApiDir(), 'crd', channel, `gateway.networking.k8s.io_${plural}.yaml`);
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf8')).map((doc) => doc.toJSON()).filter(Boolean) as Crd[];
    return docs.find((doc) => doc.spec?.names?.plural === plural)!;
  });
}

/** One admin request; resolves with the status and the parsed body. */
export function adminRequest(access: AdminAccess, method: string, pathname: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; body: any }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = https.request(new URL(access.server + pathname), {
      method, ca: fs.readFileSync(access.caFile),
      headers: { authorization: `Bearer ${access.adminToken}`, accept: 'application/json', ...(payload ? { 'content-type': contentType } : {}) },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try { parsed = JSON.parse(text); } catch { /* not JSON: keep the text */ }
        resolve({ status: response.statusCode ?? 0, body: parsed });
      });
    });
    request.on('error', reject);
    request.end(payload);
  });
}

const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll(what: string, done: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** Until every served version of `crds` lists their plurals in discovery (Established alone can run ahead of it). */
async function waitServed(access: AdminAccess, crds: Crd[]): Promise<void> {
  for (const crd of crds) {
    await poll(`CRD ${crd.metadata.name} Established`, async () => {
      const r = await adminRequest(access, 'GET', `${CRDS}/${crd.metadata.name}`);
      return r.status === 200 && (r.body.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Established' && c.status === 'True');
    });
    for (const version of crd.spec.versions.filter((v) => v.served)) {
      await poll(`${crd.spec.names.plural} in ${crd.spec.group}/${version.name}`, async () => {
        const r = await adminRequest(access, 'GET', `/apis/${crd.spec.group}/${version.name}`);
        return r.status === 200 && (r.body.resources ?? []).some((res: { name: string }) => res.name === crd.spec.names.plural);
      });
    }
  }
}

/** Creates `crds` (replacing what is there under the same name) and waits until they are served. */
export async function installCrds(access: AdminAccess, crds: Crd[]): Promise<void> {
  for (const crd of crds) {
    const created = await adminRequest(access, 'POST', CRDS, crd);
    if (created.status === 409) {
      const current = await adminRequest(access, 'GET', `${CRDS}/${crd.metadata.name}`);
      const replaced = await adminRequest(access, 'PUT', `${CRDS}/${crd.metadata.name}`, { ...crd, metadata: { ...crd.metadata, resourceVersion: current.body.metadata.resourceVersion } });
      if (replaced.status !== 200) throw new Error(`replacing CRD ${crd.metadata.name}: ${replaced.status} ${JSON.stringify(replaced.body).slice(0, 300)}`);
    } else if (created.status !== 201) {
      throw new Error(`creating CRD ${crd.metadata.name}: ${created.status} ${JSON.stringify(created.body).slice(0, 300)}`);
    }
  }
  await waitServed(access, crds);
}

/** Deletes `crds` and waits until the apiserver no longer serves them. */
export async function deleteCrds(access: AdminAccess, crds: Crd[], options: { wholeGroup?: boolean } = {}): Promise<void> {
  for (const crd of crds) {
    const r = await adminRequest(access, 'DELETE', `${CRDS}/${crd.metadata.name}`);
    if (r.status !== 200 && r.status !== 202 && r.status !== 404) throw new Error(`deleting CRD ${crd.metadata.name}: ${r.status}`);
  }
  for (const crd of crds) {
    await poll(`CRD ${crd.metadata.name} gone`, async () => (await adminRequest(access, 'GET', `${CRDS}/${crd.metadata.name}`)).status === 404);
    for (const version of crd.spec.versions) {
      await poll(`${crd.spec.names.plural} no longer in discovery`, async () => {
        const r = await adminRequest(access, 'GET', `/apis/${crd.spec.group}/${version.name}`);
        return r.status === 404 || !(r.body.resources ?? []).some((res: { name: string }) => res.name === crd.spec.names.plural);
      });
    }
  }
  // With every CRD of a group gone, the group itself leaves discovery a moment after its versions do.
  if (options.wholeGroup) {
    for (const group of new Set(crds.map((crd) => crd.spec.group))) {
      await poll(`group ${group} no longer in discovery`, async () => (await adminRequest(access, 'GET', `/apis/${group}`)).status === 404);
    }
  }
}
