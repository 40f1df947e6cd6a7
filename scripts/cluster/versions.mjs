// The supported minors of the test control plane, read from versions.sh (one table for bash and Node).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const text = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'versions.sh'), 'utf8');

/** "1.37" → "v1.37.2", in the order versions.sh lists them (newest first). */
export const PINNED = Object.fromEntries([...text.matchAll(/^\s+(1\.\d+)\) echo (v1\.\d+\.\d+) ;;$/gm)].map((m) => [m[1], m[2]]));
export const DEFAULT_MINOR = /^K8S_DEFAULT_MINOR=(1\.\d+)$/m.exec(text)[1];

/** The exact release for "1.33", "v1.33" or "v1.33.13"; throws a one-line error for anything else. */
export function resolveVersion(value) {
  const v = String(value ?? DEFAULT_MINOR).replace(/^v/, '');
  if (PINNED[v]) return PINNED[v];
  if (/^1\.\d+\.\d+$/.test(v)) return `v${v}`;
  throw new Error(`unsupported Kubernetes version "${value}" (supported: ${Object.keys(PINNED).join(', ')}, or an exact v1.N.P)`);
}
