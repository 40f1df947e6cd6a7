import { describe, expect, it } from 'vitest';
import { podServices } from '../../../src/core/live/pod-services.js';
import { explainWhyNot } from '../../../src/core/live/why-not.js';
import { renderPodServices } from '../../../src/render/pod-view.js';
import { renderWhyNot } from '../../../src/render/why-not-view.js';
import { node, pod, service } from '../predict/builders.js';

const terminating = pod('web-3', { ip: '10.244.1.3', deleting: true });

describe('renderWhyNot', () => {
  it('puts the answer on the first line, then one marked line per check', () => {
    const verdict = explainWhyNot({ service: service(), pod: terminating, nodes: [node('node-a')], endpointSlices: [], endpoints: null, unavailable: [] });
    const lines = renderWhyNot(verdict, { color: false }).split('\n');
    expect(lines[0]).toBe('Pod web-3 is not behind Service web: it is terminating');
    expect(lines).toContain('  ✓ label app=web');
    expect(lines).toContain('  ✗ terminating since 2026-01-01T00:00:00Z: EndpointSlices keep it with ready=false, terminating=true; Endpoints drop it');
    expect(lines).toContain('  ✓ port http 80/TCP → 8080 (container app)');
  });

  it('colours only when asked', () => {
    const verdict = explainWhyNot({ service: service(), pod: terminating, nodes: [], endpointSlices: [], endpoints: null, unavailable: [] });
    expect(renderWhyNot(verdict, { color: false })).not.toContain('\u001b[');
    expect(renderWhyNot(verdict, { color: true })).toContain('\u001b[');
  });
});

describe('renderPodServices', () => {
  it('lists selecting Services and near misses with the short answer', () => {
    const view = podServices({
      pod: terminating, services: [service({}, 'web'), service({ selector: { app: 'webb' } }, 'typo')],
      nodes: [node('node-a')], endpointSlices: [], endpoints: [], unavailable: [],
    });
    const text = renderPodServices(view, { color: false });
    expect(text).toContain('Selected by 1 Service:\n  ✗ web: is not behind: it is terminating\n');
    expect(text).toContain('Nearly selected by 1 Service (one label away):\n  ✗ typo: is not behind: label app is "web", the selector wants "webb"');
  });
});
