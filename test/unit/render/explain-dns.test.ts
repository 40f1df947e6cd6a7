import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExplainView } from '../../../src/core/live/explain-view.js';
import { renderExplain } from '../../../src/render/explain.js';
import { dnsSection } from '../../../src/render/explain-dns.js';
import { createPalette } from '../../../src/render/colors.js';
import { assembleClusterSnapshot } from '../../../src/sources/cluster/cluster-snapshot.js';
import { clusterObjectsFromManifests } from '../../../src/sources/cluster/objects-from-manifests.js';
import { parseManifestText } from '../../../src/sources/manifests/parse-manifests.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/live/dns-headless.yaml');
const golden = (name: string) => join(import.meta.dirname, '../../golden', name);

function view(clusterDomain?: string) {
  const objects = parseManifestText(readFileSync(FIXTURE, 'utf8'), FIXTURE).map((parsed) => parsed.value);
  return buildExplainView(assembleClusterSnapshot(clusterObjectsFromManifests(objects, 'default')), 'db', clusterDomain ? { clusterDomain } : {}).view;
}

describe('the DNS section of explain', () => {
  it('headless dual-stack: ready addresses only, per-endpoint names, SRV per named port, the unnamed port said; escapes shown', async () => {
    const text = renderExplain(view('corp.example'), { color: false });
    const section = text.slice(text.indexOf('DNS ('), text.indexOf('\n\n', text.indexOf('DNS (')) + 1);
    expect(section).not.toContain('\u001b');
    expect(section).not.toContain('10.244.1.6');
    await expect(section).toMatchFileSnapshot(golden('explain-dns.txt'));
  });

  it('-o json carries every record in the dns field', async () => {
    await expect(`${JSON.stringify(view().dns, null, 2)}\n`).toMatchFileSnapshot(golden('explain-dns.json'));
  });

  it('a Service without records says so', () => {
    const lines = dnsSection({ clusterDomain: 'cluster.local', name: 'x.shop.svc.cluster.local', source: 'actual', records: [], unnamedPorts: [], notes: [] }, createPalette(false));
    expect(lines[1]).toContain('x.shop.svc.cluster.local: no records');
  });
});
