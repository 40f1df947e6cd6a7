import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** What Kubernetes makes of one file: its documents as JSON values, or why it refuses the file. */
export interface KubernetesReading {
  objects?: unknown[];
  error?: string;
  kind?: 'duplicate' | 'invalid';
}

let binary: string | undefined;

/** Builds (once, cached outside the repository) the Go oracle and returns its path. */
export function oracleBinary(): string {
  binary ??= execFileSync('bash', [join(import.meta.dirname, '../../scripts/oracle/build.sh'), join(import.meta.dirname, 'k8s-yaml')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    .trim()
    .split('\n')
    .pop();
  if (!binary) throw new Error('the k8s-yaml oracle build printed no path');
  return binary;
}

/** Reads every input with sigs.k8s.io/yaml and apimachinery's YAMLReader, in one process. */
export function readWithKubernetes(inputs: { id: string; bytes: Uint8Array }[]): Map<string, KubernetesReading> {
  const request = inputs.map((input) => JSON.stringify({ id: input.id, data: Buffer.from(input.bytes).toString('base64') })).join('\n');
  const run = spawnSync(oracleBinary(), [], { input: `${request}\n`, maxBuffer: 1 << 30, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`k8s-yaml oracle failed (${run.status}): ${run.stderr}`);
  const readings = new Map<string, KubernetesReading>();
  for (const line of run.stdout.split('\n')) {
    if (!line) continue;
    const { id, objects, error, kind } = JSON.parse(line) as { id: string; objects?: unknown[]; error?: string; kind?: string };
    if (kind === 'oracle') throw new Error(`k8s-yaml oracle: its model of YAMLOrJSONDecoder differs from the real one on ${id}`);
    readings.set(id, error ? { error, kind: kind as KubernetesReading['kind'] } : { objects: objects ?? [] });
  }
  return readings;
}
