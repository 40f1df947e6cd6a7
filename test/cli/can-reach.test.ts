import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { buildOnce, ROOT, runCli } from './run-cli.js';

const SHOP = path.join(ROOT, 'test/fixtures/network-policy/shop.yaml');

describe('can-reach (offline, as a process)', () => {
  beforeAll(() => buildOnce(), 120_000);

  it('names the isolating policies, the missing DNS egress and a rule that would allow it; exit 1', () => {
    const r = runCli(['can-reach', '-f', SHOP, '--from', 'frontend', '--from-namespace', 'web', 'api', '-n', 'shop', '--no-color']);
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('no: Pod web/frontend cannot reach Service shop/api');
    expect(r.stdout).toContain('✗ DNS lookup of the Service name');
    expect(r.stdout).toContain('egress: isolated by frontend-egress; no rule allows it');
    expect(r.stdout).toContain('✗ api port http → 8080/TCP: api is isolated for ingress by default-deny, allow-frontend');
    expect(r.stdout).toContain('client egress: isolated by frontend-egress; allowed by frontend-egress/egress[0]');
    expect(r.stdout).toContain('ports: [{port: 8080, protocol: TCP}]');
  });

  it('golden output, text and JSON', async () => {
    const args = ['can-reach', '-f', SHOP, '--from', 'frontend', '--from-namespace', 'web', 'api', '-n', 'shop'];
    const text = runCli([...args, '--no-color']);
    const json = runCli([...args, '-o', 'json']);
    expect([text.code, json.code, text.stderr, json.stderr]).toEqual([1, 1, '', '']);
    await expect(text.stdout).toMatchFileSnapshot('../golden/can-reach.txt');
    await expect(json.stdout).toMatchFileSnapshot('../golden/can-reach.json');
  });

  it('JSON carries the same verdict', () => {
    const r = runCli(['can-reach', '-f', SHOP, '--from', 'ns/web,app=frontend', 'api:http', '-n', 'shop', '-o', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const verdict = JSON.parse(r.stdout);
    expect(verdict.reachable).toBe('no');
    expect(verdict.client).toEqual({ namespace: 'web', labels: { app: 'frontend' }, pod: null });
    expect(verdict.targets).toHaveLength(1);
    expect(verdict.targets[0]).toMatchObject({ pod: 'api', servicePort: 'http', port: 8080, protocol: 'TCP', allowed: false });
    expect(verdict.targets[0].ingress.isolatedBy).toEqual(['default-deny', 'allow-frontend']);
  });

  it('with the allow rule fixed the Pods are reachable; still exit 1 while DNS egress is blocked', () => {
    const fixed = `${readFileSync(SHOP, 'utf8').replace('matchLabels: {name: web}', 'matchLabels: {kubernetes.io/metadata.name: web}').replace('- port: 80', '- port: http')}`;
    const r = runCli(['can-reach', '-f', '-', '--from', 'ns/web,app=frontend', 'api', '-n', 'shop', '--no-color'], { input: fixed });
    expect(r.stdout.split('\n')[0]).toBe('partly: a Pod app=frontend in namespace web can reach only part of Service shop/api');
    expect(r.stdout).toContain('✓ api port http → 8080/TCP: allowed (frontend-egress/egress[0], allow-frontend/ingress[0])');
    expect(r.code).toBe(1);
  });

  it.each([
    [['can-reach', '-f', SHOP, '--from', 'frontend', 'nope', '-n', 'shop'], 4, /service "nope" not found in namespace "shop"/],
    [['can-reach', '-f', SHOP, '--from', 'nope', 'api', '-n', 'shop'], 4, /pod "nope" not found in namespace "shop"/],
    [['can-reach', '-f', SHOP, '--from', 'ns/shop', 'api:grpc', '-n', 'shop'], 4, /has no port "grpc" \(ports: http\)/],
    [['can-reach', '-f', SHOP, '--from', 'ns/shop,novalue', 'api', '-n', 'shop'], 2, /"novalue" is not a label key=value/],
    [['can-reach', '-f', SHOP, 'api'], 2, /--from/],
    [['can-reach', '-f', SHOP, '--from', 'ns/', 'api'], 2, /needs a namespace name/],
  ])('%j → exit %i', (args, code, message) => {
    const r = runCli(args as string[]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('can-reach -o yaml and -o name', () => {
  it('yaml is the json document; name is the Service', () => {
    const args = ['can-reach', '-f', SHOP, '--from', 'ns/web,app=frontend', 'api:http', '-n', 'shop'];
    const json = runCli([...args, '-o', 'json']);
    const yaml = runCli([...args, '-o', 'yaml']);
    expect(yaml.code).toBe(json.code);
    expect(parseYaml(yaml.stdout)).toEqual(JSON.parse(json.stdout));
    expect(runCli([...args, '-o', 'name']).stdout).toBe('service/api\n');
  });
});
