import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, runCli } from './run-cli.js';

beforeAll(() => buildOnce(), 180_000);

describe('explain --cluster-domain', () => {
  it.each(['a..b', '-x.local', 'under_score.local', ''])('%j is a usage error: one line, exit 2, before any cluster is asked', (domain) => {
    const run = runCli(['explain', 'web', '--cluster-domain', domain, '--kubeconfig', '/nonexistent/kubeconfig']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--cluster-domain');
    expect(run.stdout).toBe('');
  });

  it('is documented in explain --help with its default', () => {
    const run = runCli(['explain', '--help']);
    expect(run.stdout).toMatch(/--cluster-domain <DOMAIN>.*\(default: "cluster\.local"\)/s);
  });
});
