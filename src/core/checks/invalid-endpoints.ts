import type { Check } from '../check.js';
import { formatRef, type Entry } from '../snapshot.js';
import { onEntry } from './check-helpers.js';
import { factsForMinor, minorNumber } from '../version/index.js';
import { endpointSliceValidationErrors, endpointsValidationErrors } from './endpoints-rules.js';

/** How many problems of one object are findings of their own. */
const MAX_LISTED = 10;

/** Hand-written endpoints the API server refuses: the Service they were written for never gets them. */
export const invalidEndpoints: Check = {
  id: 'invalid-endpoints',
  severity: 'error',
  title: 'Endpoints or EndpointSlice the API server would reject',
  modes: ['manifests'],
  help:
    'The API server validates hand-written Endpoints and EndpointSlices: every address must be an IP address a client ' +
    'can be sent to (not loopback 127.0.0.0/8 or ::1, not link-local 169.254.0.0/16 or fe80::/10, not link-local ' +
    'multicast, not unspecified), of the slice\'s addressType (IPv6 in canonical form), an Endpoints subset needs at ' +
    'least one address and names on its ports when it has several, whose numbers lie between 1 and 65535, ports have ' +
    'protocol TCP, UDP or SCTP, port names are DNS labels (unique in a slice), hostnames DNS labels and node names DNS subdomains, ' +
    'and a slice has at most 1,000 endpoints of 1 to 100 addresses each. From 1.36 an address may not have leading ' +
    'zeros or be IPv4-mapped IPv6 (lint --kubernetes-version). A rejected object never reaches kube-proxy, so its ' +
    'Service keeps no backend. Fix the field named; to reach a process on the node itself, use its node IP instead of ' +
    'loopback. `kubectl apply --dry-run=server` shows the same error.',
  run(context) {
    const facts = factsForMinor(minorNumber(context.snapshot.kubernetesVersion));
    // One finding per problem, up to a limit per object: a generated object can hold thousands of bad addresses.
    const rejected = (entry: Entry<unknown>, errors: string[]) => {
      const results = errors.slice(0, MAX_LISTED).map((error) => onEntry(entry, `${formatRef(entry.ref)} would be rejected by the API server: ${error}.`));
      if (errors.length > MAX_LISTED) results.push(onEntry(entry, `${formatRef(entry.ref)} would be rejected by the API server for ${errors.length - MAX_LISTED} more problems than the ${MAX_LISTED} listed.`));
      return results;
    };
    return [
      ...context.snapshot.endpoints.flatMap((entry) => rejected(entry, endpointsValidationErrors(entry.object, facts))),
      ...context.snapshot.endpointSlices.flatMap((entry) => rejected(entry, endpointSliceValidationErrors(entry.object, facts))),
    ];
  },
};
