import type { Check } from '../../check.js';
import { describeServicePort, listSome, onService, serviceName } from '../check-helpers.js';
import { servicePortProtocol } from '../../find-port.js';
import { addressTypesForService } from '../../predict/service-facts.js';
import { findMissingBackends } from './find-missing-backends.js';

/** Ready Pods match, yet kube-proxy has nowhere to send a port's traffic: the failure nothing else names. */
export const noProxyBackends: Check = {
  id: 'no-proxy-backends',
  severity: 'error',
  title: 'Pods match, but kube-proxy has no backend for a Service port',
  modes: ['cluster'],
  help:
    'The selector matches ready Pods, yet the EndpointSlices kube-proxy reads give a Service port no endpoint it ' +
    'may use, so connections to that port are refused. The finding names, for each Pod, why it is not a backend: ' +
    'its Node does not exist (the EndpointSlice controller skips Pods of unknown Nodes), it has no IP of the family, ' +
    'it does not declare the target port, the controller has not published it yet, or it is not ready. Fix the ' +
    'cause named; for Pods on a deleted Node, delete the Pods so their workload recreates them on a live Node.',
  run(context) {
    return context.services.flatMap((analysis) =>
      findMissingBackends(context, analysis).map(({ port, family, causes }) => {
        const families = addressTypesForService(analysis.entry.object).length > 1 ? ` (${family})` : '';
        const portText = describeServicePort({ name: port.name, port: port.port, protocol: servicePortProtocol(port) });
        const listed = listSome(causes.map(({ pod, cause }) => `Pod ${pod}: ${cause}`), 5);
        return onService(
          analysis,
          `${serviceName(analysis)} selects ${causes.length} Pod${causes.length === 1 ? '' : 's'}, but kube-proxy has no backend for ${portText}${families}, so connections to it fail: ${listed}.`,
        );
      }),
    );
  },
};
