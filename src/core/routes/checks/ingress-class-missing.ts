import type { Check, CheckContext, CheckResult } from '../../check.js';
import { listSome } from '../../checks/check-helpers.js';
import { formatRef, type Entry } from '../../snapshot.js';
import { usesRemovedIngressVersion } from '../route-kinds.js';
import type { Ingress, IngressClass } from '../types.js';
import { onEntry, similarNames } from './route-helpers.js';

/** The annotation that marks the IngressClass the DefaultIngressClass admission plugin gives new Ingresses without one. */
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
/** The class annotation of Ingresses from before IngressClass; controllers match its value against their own class. */
const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function usableClasses(context: CheckContext): Entry<IngressClass>[] {
  return (context.snapshot.ingressClasses ?? []).filter((entry) => !usesRemovedIngressVersion(entry.object, 'IngressClass'));
}

/** True when the IngressClasses that exist are known: live unless a 403 hid them; in manifests only when the input defines some. */
function classesKnown(context: CheckContext, classes: Entry<IngressClass>[]): boolean {
  if (context.snapshot.source === 'cluster') return context.snapshot.ingressClasses !== undefined && !context.snapshot.unavailable.includes('ingressclasses');
  return classes.length > 0;
}

function classList(classes: Entry<IngressClass>[]): string {
  if (classes.length === 0) return 'no IngressClass exists';
  return `IngressClasses: ${listSome(classes.map((entry) => `${entry.ref.name}${entry.object.spec?.controller ? ` (${entry.object.spec.controller})` : ''}`), 4)}`;
}

function resultFor(context: CheckContext, entry: Entry<Ingress>, classes: Entry<IngressClass>[]): CheckResult[] {
  const label = formatRef(entry.ref);
  const wanted = entry.object.spec?.ingressClassName;
  if (typeof wanted === 'string' && wanted !== '') {
    if (classes.some((klass) => klass.ref.name === wanted)) return [];
    const similar = similarNames(wanted, classes.map((klass) => klass.ref.name));
    const hint = similar.length > 0 ? ` Did you mean ${listSome(similar, 3)}?` : '';
    if (context.snapshot.source === 'manifests' && similar.length === 0) {
      return [onEntry(entry, `${label} sets ingressClassName "${wanted}", which no IngressClass of the input defines (${classList(classes)}); if that class is installed with its controller, this is fine.`, 'info')];
    }
    return [onEntry(entry, `${label} sets ingressClassName "${wanted}", but no IngressClass of that name exists (${classList(classes)}): no Ingress controller claims it, so none of its rules route.${hint}`)];
  }
  if (typeof entry.object.metadata.annotations?.[LEGACY_CLASS_ANNOTATION] === 'string') return [];
  const defaults = classes.filter((klass) => klass.object.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  if (context.snapshot.source === 'manifests') {
    if (defaults.length > 0) return [];
    return [onEntry(entry, `${label} sets no ingressClassName and the input marks no IngressClass as the default (${classList(classes)}): unless the cluster has a default IngressClass, only a controller told to take Ingresses without a class serves it. Set spec.ingressClassName.`, 'info')];
  }
  const now = defaults.length > 0
    ? `IngressClass ${listSome(defaults.map((klass) => klass.ref.name), 3)} is the default now, but the API server sets the class only when an Ingress is created`
    : `no IngressClass is marked as the default (${classList(classes)})`;
  return [onEntry(entry, `${label} has no ingressClassName and ${now}: only an Ingress controller told to take Ingresses without a class (ingress-nginx --watch-ingress-without-class) serves it. Set spec.ingressClassName.`, 'info')];
}

/** An Ingress no controller claims: its class names no IngressClass, or it has none and nothing gives it one. */
export const ingressClassMissing: Check = {
  id: 'ingress-class-missing',
  severity: 'warning',
  title: 'Ingress names no IngressClass that exists, or has no class at all',
  modes: ['manifests', 'cluster'],
  help:
    'Ingress controllers serve the Ingresses of their IngressClass: spec.ingressClassName must name an IngressClass ' +
    '(cluster-scoped, networking.k8s.io/v1). A name no IngressClass has (a typo, the class of a controller that is not ' +
    'installed) leaves the Ingress unserved: no address in its status, every path unreachable (warning, with look-alike ' +
    'class names; in manifests info unless a look-alike class is defined). An Ingress without a class gets the default IngressClass (annotation ' +
    'ingressclass.kubernetes.io/is-default-class: "true") from the API server when it is created; one created before ' +
    'any default existed keeps no class, and most controllers then ignore it (info). The deprecated annotation ' +
    'kubernetes.io/ingress.class counts as a class. Live: against the IngressClasses of the cluster (quiet when they ' +
    'may not be read). In manifests: only when the input defines IngressClasses, since they are usually installed ' +
    'with the controller.',
  run(context) {
    const classes = usableClasses(context);
    if (!classesKnown(context, classes) || context.snapshot.unavailable.includes('ingresses')) return [];
    return (context.snapshot.ingresses ?? []).flatMap((entry) => (usesRemovedIngressVersion(entry.object, 'Ingress') ? [] : resultFor(context, entry, classes)));
  },
};
