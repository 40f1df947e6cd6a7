import type { Check } from '../check.js';
import { formatRef } from '../snapshot.js';

/** Two different definitions of one object: which one Kubernetes keeps depends on the order of the files. */
export const conflictingDefinitions: Check = {
  id: 'conflicting-definitions',
  severity: 'warning',
  title: 'Object defined twice with different content',
  modes: ['manifests'],
  help:
    'The same kind, namespace and name is defined more than once, and the definitions differ. `kubectl apply` keeps the ' +
    'last one it reads, so what runs (and what svc-explain analyses: also the last one) depends on the order of the ' +
    'files on the command line. Delete or rename one of the definitions.',
  run(context) {
    return (context.snapshot.redefinitions ?? []).map(({ ref, locations }) => {
      const places = locations.map((location) => `${location.file}:${location.line}`).join(', ');
      const last = locations[locations.length - 1];
      return {
        object: ref,
        location: last,
        message: `${formatRef(ref)} is defined ${locations.length} times with different content (${places}): kubectl apply keeps the last one it reads, so the result depends on the order of the files; analysed here: ${last.file}:${last.line}.`,
      };
    });
  },
};
