// The README's minimal ClusterRole ("Cluster access"), read from README.md so that the RBAC tests
// follow the documentation, and variants of it with resources taken away.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { V1PolicyRule } from '@kubernetes/client-node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The README's svc-explain-reader rules, read from README.md so the test follows the documentation. */
export function readmeRules(): V1PolicyRule[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Cluster access'));
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  if (!yaml) throw new Error('README.md: no yaml block under "## Cluster access"');
  const rules: V1PolicyRule[] = [];
  let current: V1PolicyRule | undefined;
  const list = (text: string) => text.replace(/^\[|\]$/g, '').split(',').map((s) => s.trim().replace(/^"|"$/g, '')).filter((s) => s !== '' || text.includes('""'));
  for (const line of yaml.split('\n')) {
    const m = /^\s*(-\s+)?(apiGroups|resources|verbs):\s*(\[.*\])\s*$/.exec(line);
    if (!m) continue;
    if (m[1]) rules.push((current = { verbs: [] }));
    const values = m[3] === '[""]' ? [''] : list(m[3]);
    (current as unknown as Record<string, string[]>)[m[2]] = values;
  }
  if (rules.length < 4) throw new Error(`README.md: could not read the ClusterRole rules (${JSON.stringify(rules)})`);
  return rules;
}

/** The rules with one resource taken out (and rules left empty dropped). */
export function without(rules: V1PolicyRule[], resource: string): V1PolicyRule[] {
  return rules.map((r) => ({ ...r, resources: (r.resources ?? []).filter((x) => x !== resource) })).filter((r) => (r.resources ?? []).length > 0);
}
