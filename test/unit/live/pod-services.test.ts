import { describe, expect, it } from 'vitest';
import type { Service } from '../../../src/core/kubernetes-types.js';
import { podServices, relatedServices } from '../../../src/core/live/pod-services.js';
import { endpoint, node, pod, service, slice } from '../predict/builders.js';

const web3 = pod('web-3', { ip: '10.244.1.3', labels: { app: 'web', tier: 'backend' } });

describe('relatedServices: which Services select the Pod, and which nearly do', () => {
  const cases: [string, Service, 'selects' | 'nearly-selects' | null][] = [
    ['a matching selector', service({ selector: { app: 'web' } }, 'web'), 'selects'],
    ['a matching two-label selector', service({ selector: { app: 'web', tier: 'backend' } }, 'web-all'), 'selects'],
    ['a typo in one value', service({ selector: { app: 'webb' } }, 'typo'), 'nearly-selects'],
    ['one label the Pod lacks', service({ selector: { app: 'web', track: 'canary' } }, 'canary'), 'nearly-selects'],
    ['another app (unrelated value)', service({ selector: { app: 'billing' } }, 'billing'), null],
    ['two labels off', service({ selector: { app: 'webb', tier: 'frontend' } }, 'far'), null],
    ['no selector', service({ selector: undefined }, 'manual'), null],
    ['an ExternalName Service', service({ type: 'ExternalName', selector: { app: 'web' } }, 'external'), null],
    ['another namespace', { ...service({ selector: { app: 'web' } }, 'elsewhere'), metadata: { name: 'elsewhere', namespace: 'other' } }, null],
  ];
  it.each(cases)('%s', (_name, svc, relation) => {
    const related = relatedServices(web3, [svc]);
    expect(related.map((entry) => entry.relation)[0] ?? null).toBe(relation);
  });

  it('lists selecting Services first, then near misses, each by name', () => {
    const services = [service({ selector: { app: 'webb' } }, 'b-typo'), service({}, 'z-web'), service({}, 'a-web')];
    expect(relatedServices(web3, services).map((entry) => entry.service.metadata.name)).toEqual(['a-web', 'z-web', 'b-typo']);
  });
});

describe('podServices', () => {
  it('gives each related Service its own verdict from its own slices', () => {
    const ready = slice([endpoint('10.244.1.3', { pod: 'web-3' })], [{ name: 'http', port: 8080 }]);
    const view = podServices({
      pod: web3,
      services: [service({}, 'web'), service({}, 'api'), service({ selector: { app: 'webb' } }, 'typo'), service({ selector: undefined }, 'manual')],
      nodes: [node('node-a')],
      endpointSlices: [ready],
      endpoints: [],
      unavailable: [],
    });
    expect(view.services.map((entry) => [entry.service, entry.relation, entry.verdict.behind])).toEqual([
      ['api', 'selects', 'no'],
      ['web', 'selects', 'yes'],
      ['typo', 'nearly-selects', 'no'],
    ]);
    expect(view.services[0].verdict.answer).toContain('the EndpointSlices do not list it');
    expect(view.services[2].differences).toEqual([{ selectorKey: 'app', want: 'webb', actualKey: 'app', actualValue: 'web' }]);
    expect(view.servicesWithoutSelector).toBe(1);
    expect(view.pod).toMatchObject({ name: 'web-3', ready: true, ip: '10.244.1.3', node: 'node-a', notReadyReasons: [] });
  });
});
