import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../src/core/analyze.js';
import { policyContextOf } from '../../../src/core/network-policy/policy-context.js';
import { serviceAccess } from '../../../src/core/network-policy/service-access.js';
import { createPalette } from '../../../src/render/colors.js';
import { networkPolicySection } from '../../../src/render/network-policy-view.js';
import { loadManifests } from '../../../src/sources/manifests/load-manifests.js';

const SHOP = path.join(import.meta.dirname, '../../fixtures/network-policy/shop.yaml');

describe('explain: the per-port NetworkPolicy section', () => {
  it('golden text for the shop fixture (default deny plus a mistaken allow rule)', async () => {
    const snapshot = await loadManifests([SHOP], { defaultNamespace: 'default' });
    const { context } = runAnalysis(snapshot, { mode: 'manifests' });
    const api = context.services.find((service) => service.entry.ref.name === 'api')!;
    const ports = serviceAccess(policyContextOf(snapshot), api.entry.object, api.matched);
    const text = `${networkPolicySection(ports, 'read', createPalette(false)).join('\n')}\n`;
    await expect(text).toMatchFileSnapshot('../../golden/network-policy-section.txt');
  });
});
