import type { Check } from '../../check.js';
import { ingressApiVersionRemoved } from './ingress-api-version-removed.js';
import { ingressClassMissing } from './ingress-class-missing.js';
import { ingressBackendNoReadyEndpoints } from './ingress-backend-no-ready-endpoints.js';
import { routeBackendExternalName } from './route-backend-external-name.js';
import { routeBackendInvalid } from './route-backend-invalid.js';
import { routeBackendNotPermitted } from './route-backend-not-permitted.js';
import { routeBackendPortMissing } from './route-backend-port-missing.js';
import { routeBackendProtocolMismatch } from './route-backend-protocol-mismatch.js';
import { routeBackendServiceMissing } from './route-backend-service-missing.js';
import { routeParentNotAccepted } from './route-parent-not-accepted.js';
import { routeWeightToEmptyService } from './route-weight-to-empty-service.js';

/** The checks that judge one route → Service hop (their messages start with the hop's label). */
export const HOP_CHECKS: readonly Check[] = [
  routeBackendInvalid,
  routeBackendServiceMissing,
  routeBackendPortMissing,
  routeBackendNotPermitted,
  routeBackendExternalName,
  routeBackendProtocolMismatch,
  ingressBackendNoReadyEndpoints,
  routeWeightToEmptyService,
];

/** Every route check, in the order the docs list them (the registry includes them as one block). */
export const ROUTE_CHECKS: readonly Check[] = [ingressApiVersionRemoved, ingressClassMissing, routeParentNotAccepted, ...HOP_CHECKS];
