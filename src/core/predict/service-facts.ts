/**
 * Facts about a Service that every predictor needs (headless, selector, address types, labels), read
 * with the API defaults applied, so each predictor does not re-derive them slightly differently.
 */
import type { LabelMap, Service } from '../kubernetes-types.js';
import { ipFamilyOf, type IpFamily } from './ip-address.js';
import { setOwn } from '../own-keys.js';

/** Label every EndpointSlice carries naming its Service; kube-proxy groups slices by it. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** Label naming the controller that manages an EndpointSlice. */
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
/** Label set (to "") on endpoints of headless Services; kube-proxy ignores such slices. */
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
/** Label selecting an alternative service proxy; kube-proxy ignores such slices. */
export const LABEL_SERVICE_PROXY_NAME = 'service.kubernetes.io/service-proxy-name';
/** Label on a hand-written Endpoints that stops mirroring into EndpointSlices. */
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
/** managed-by value of the EndpointSlice controller. */
export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
/** managed-by value of the EndpointSlice mirroring controller. */
export const MIRRORING_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';

/** ClusterIP "None": headless, so no proxying and the headless label on its endpoints. */
export function isHeadless(service: Service): boolean {
  return service.spec?.clusterIP === 'None';
}

/** isServiceIPSet: a ClusterIP that is neither empty nor "None", the condition for kube-proxy to program it. */
export function isServiceIPSet(service: Service): boolean {
  const ip = service.spec?.clusterIP;
  return Boolean(ip) && ip !== 'None';
}

/** getAddressTypesForService: spec.ipFamilies, else the ClusterIP's family, else both for headless. */
export function addressTypesForService(service: Service): IpFamily[] {
  const families = (service.spec?.ipFamilies ?? []).filter((f): f is IpFamily => f === 'IPv4' || f === 'IPv6');
  if (families.length > 0) return [...new Set(families)];
  if (isServiceIPSet(service)) return [ipFamilyOf(service.spec?.clusterIP) === 'IPv6' ? 'IPv6' : 'IPv4'];
  return ['IPv4', 'IPv6'];
}

/**
 * Labels the EndpointSlice controller puts on a slice (setEndpointSliceLabels): the Service's labels minus
 * reserved keys, plus service-name, managed-by and, for headless Services, the headless label.
 */
export function endpointSliceLabels(service: Service, controllerName: string): LabelMap {
  const labels: LabelMap = {};
  for (const [key, value] of Object.entries(service.metadata.labels ?? {})) {
    if (key === LABEL_SERVICE_NAME || key === LABEL_MANAGED_BY || key === LABEL_HEADLESS) continue;
    setOwn(labels, key, value);
  }
  if (!isServiceIPSet(service)) labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = service.metadata.name ?? '';
  labels[LABEL_MANAGED_BY] = controllerName;
  return labels;
}
