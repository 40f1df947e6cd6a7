import type { Check } from '../check.js';
import { containerPortProtocol } from '../find-port.js';
import { similarPortNames } from '../probes.js';
import { portNameProblems } from '../validation.js';
import { containersWithPorts, wantedPortNames } from './container-port-names.js';
import { podFindings, servicesByPod } from './pod-findings.js';

/** A container port name that is no IANA service name: the API server rejects the Pod, and no targetPort can name it. */
export const containerPortNameInvalid: Check = {
  id: 'container-port-name-invalid',
  severity: 'error',
  title: 'Container port name is not a valid IANA service name',
  modes: ['manifests'],
  help:
    'A container port name must be an IANA service name, exactly as apimachinery\'s IsValidPortName checks it: at most ' +
    '15 characters, only lowercase letters a-z, digits and "-", at least one letter, no "--", not starting or ending ' +
    'with "-". The API server rejects a Pod or pod template with any other name, so the workload is never created and ' +
    'a Service\'s named targetPort can never resolve to it (the message names the Service whose targetPort looks like ' +
    'it). Rename the port (for example HTTP_Metrics to http-metrics) and use the same name in the Service. Offline ' +
    'only: a cluster never holds such a Pod.',
  run(context) {
    const services = servicesByPod(context);
    // Most names (http, metrics) repeat on thousands of Pods: each is checked once.
    const problemsOf = new Map<string, string[]>();
    return podFindings(context, (pod) => {
      // The Services' wishes are described only for a Pod that has a bad name (rare), not for every Pod.
      let wanted: ReturnType<typeof wantedPortNames> | undefined;
      return containersWithPorts(pod.spec).flatMap(({ container, field }) =>
        (container.ports ?? []).flatMap((port, i) => {
          if (typeof port.name !== 'string' || !port.name) return [];
          const name = port.name;
          let problems = problemsOf.get(name);
          if (!problems) problemsOf.set(name, (problems = portNameProblems(name)));
          if (problems.length === 0) return [];
          wanted ??= wantedPortNames(services.get(pod) ?? []);
          const wantedBy = wanted.find((want) => similarPortNames(want.name, [name]).length > 0 || want.name === name);
          const service = wantedBy ? ` ${wantedBy.wantedBy} wants targetPort "${wantedBy.name}", which cannot resolve to it.` : '';
          return [{
            key: `${field}\0${container.name}\0${i}`,
            message: (subject: string) =>
              `${subject}: container ${container.name} port "${name}" (${port.containerPort}/${containerPortProtocol(port)}, ${field}[].ports[${i}].name) is not a valid port name: it ${problems.join('; ')}. The API server rejects the Pod.${service}`,
          }];
        }),
      );
    });
  },
};
