import { formatRef } from '../../snapshot.js';
import { isValidPortNumber } from '../../validation.js';
import { hopCheck, hopLabel } from './route-helpers.js';

/** The largest weight the Gateway API CRDs accept on a backendRef. */
const MAX_WEIGHT = 1_000_000;

/** A hop the API server refuses: the object is never stored, so it routes nothing. */
export const routeBackendInvalid = hopCheck(
  {
    id: 'route-backend-invalid',
    severity: 'error',
    title: 'Ingress or Gateway route backend the API server would reject',
    modes: ['manifests'],
    help:
      'The API server refuses an Ingress whose backend port number is outside 1-65535 or that gives both a port name ' +
      "and a number (Ingress validation), and the Gateway API CRDs' schemas refuse a backendRef whose port is outside " +
      '1-65535 or whose weight is outside 0-1000000: kubectl apply fails, and nothing the object describes routes. ' +
      'In manifests only: a cluster never holds such an object.',
  },
  (_context, backend) => {
    const { number, name } = backend.port;
    const problems: string[] = [];
    if (number !== undefined && !isValidPortNumber(number)) problems.push(`port ${number} is not in 1-65535`);
    if (backend.route.kind === 'Ingress' && number !== undefined && name !== undefined) problems.push(`it sets both port name "${name}" and port number ${number}`);
    if (backend.weight !== undefined && (!Number.isInteger(backend.weight) || backend.weight < 0 || backend.weight > MAX_WEIGHT)) {
      problems.push(`weight ${backend.weight} is not in 0-${MAX_WEIGHT}`);
    }
    if (problems.length === 0) return null;
    return { message: `${hopLabel(backend)} would be rejected by the API server: ${problems.join('; ')}. ${formatRef(backend.route)} is not stored, so it routes nothing.` };
  },
);
