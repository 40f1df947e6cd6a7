import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze.js';
import type { Snapshot } from '../../../src/core/snapshot.js';
import { service, snapshotOf } from '../builders.js';
import { ingress, ingressClass } from './route-builders.js';

const web = service('web', { app: 'web' }, [{ name: 'http', port: 80 }], 'shop');
const toWeb = { defaultBackend: { service: { name: 'web', port: { number: 80 } } } };

function findings(extra: Partial<Snapshot>, source: Snapshot['source']) {
  const snapshot: Snapshot = { ...snapshotOf({ services: [web] }), source, ...extra };
  return analyze(snapshot).findings.filter((finding) => finding.check === 'ingress-class-missing').map((finding) => ({ severity: finding.severity, message: finding.message }));
}

describe('ingress-class-missing', () => {
  it('live: a class name no IngressClass has is a warning with the look-alike and the classes there are', () => {
    const found = findings({ ingresses: [ingress('store', { ingressClassName: 'ngnix', ...toWeb })], ingressClasses: [ingressClass('nginx'), ingressClass('traefik', false, 'traefik.io/ingress-controller')] }, 'cluster');
    expect(found).toEqual([{ severity: 'warning', message: 'Ingress shop/store sets ingressClassName "ngnix", but no IngressClass of that name exists (IngressClasses: nginx (k8s.io/ingress-nginx), traefik (traefik.io/ingress-controller)): no Ingress controller claims it, so none of its rules route. Did you mean nginx?' }]);
  });

  it('live: a cluster without any IngressClass says so', () => {
    const found = findings({ ingresses: [ingress('store', { ingressClassName: 'nginx', ...toWeb })], ingressClasses: [] }, 'cluster');
    expect(found.map((x) => x.message)).toEqual([expect.stringContaining('(no IngressClass exists)')]);
  });

  it('live: no class while a default exists now names the default and that the class is set only at creation (info)', () => {
    const found = findings({ ingresses: [ingress('store', toWeb)], ingressClasses: [ingressClass('nginx', true)] }, 'cluster');
    expect(found).toEqual([{ severity: 'info', message: expect.stringMatching(/^Ingress shop\/store has no ingressClassName and IngressClass nginx is the default now, but the API server sets the class only when an Ingress is created: only an Ingress controller told to take Ingresses without a class/) }]);
  });

  it('live: no class and no default (info)', () => {
    const found = findings({ ingresses: [ingress('store', toWeb)], ingressClasses: [ingressClass('nginx')] }, 'cluster');
    expect(found).toEqual([{ severity: 'info', message: expect.stringContaining('no IngressClass is marked as the default (IngressClasses: nginx (k8s.io/ingress-nginx))') }]);
  });

  it('quiet: an existing class, the legacy annotation, a 403 on IngressClasses, IngressClasses not read', () => {
    const legacy = ingress('legacy', toWeb);
    legacy.object.metadata.annotations = { 'kubernetes.io/ingress.class': 'nginx' };
    expect(findings({ ingresses: [ingress('store', { ingressClassName: 'nginx', ...toWeb }), legacy], ingressClasses: [ingressClass('nginx')] }, 'cluster')).toEqual([]);
    expect(findings({ ingresses: [ingress('store', { ingressClassName: 'x', ...toWeb })], unavailable: ['ingressclasses'] }, 'cluster')).toEqual([]);
    expect(findings({ ingresses: [ingress('store', { ingressClassName: 'x', ...toWeb })] }, 'cluster')).toEqual([]);
  });

  it('manifests: quiet without IngressClasses in the input; info for a class the input does not define; the default class covers Ingresses without one', () => {
    expect(findings({ ingresses: [ingress('store', { ingressClassName: 'nginx', ...toWeb }), ingress('classless', toWeb)] }, 'manifests')).toEqual([]);
    expect(findings({ ingresses: [ingress('store', { ingressClassName: 'traefik', ...toWeb })], ingressClasses: [ingressClass('nginx')] }, 'manifests')).toEqual([
      { severity: 'info', message: 'Ingress shop/store sets ingressClassName "traefik", which no IngressClass of the input defines (IngressClasses: nginx (k8s.io/ingress-nginx)); if that class is installed with its controller, this is fine.' },
    ]);
    expect(findings({ ingresses: [ingress('classless', toWeb)], ingressClasses: [ingressClass('nginx', true)] }, 'manifests')).toEqual([]);
    expect(findings({ ingresses: [ingress('classless', toWeb)], ingressClasses: [ingressClass('nginx')] }, 'manifests').map((x) => x.severity)).toEqual(['info']);
  });
});
