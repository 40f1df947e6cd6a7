import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, runCli } from './run-cli.js';

beforeAll(buildOnce, 120_000);

describe('--help of the cluster commands', () => {
  it.each([['check'], ['explain']])('%s --help says which Kubernetes minor it predicts for', (command) => {
    const r = runCli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n\nKubernetes version:\n {2}Predictions .* follow the server's\n {2}minor, read from GET \/version/);
  });
});
