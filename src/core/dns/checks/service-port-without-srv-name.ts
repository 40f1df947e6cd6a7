import type { Check } from '../../check.js';
import { servicePortProtocol } from '../../find-port.js';
import { serviceType } from '../../selector.js';
import { onService, serviceName } from '../../checks/check-helpers.js';

/** SRV lookups (_name._protocol.service) find a port only by its name; an unnamed port has none. */
export const servicePortWithoutSrvName: Check = {
  id: 'service-port-without-srv-name',
  severity: 'info',
  title: 'Service port has no name, so no _name._protocol SRV record',
  modes: ['manifests', 'cluster'],
  help:
    'The cluster DNS serves _name._protocol.service.namespace.svc SRV records only for named Service ports (Kubernetes DNS ' +
    'spec 2.3.2). A single-port Service may leave the name empty, but clients that discover the port by SRV name ' +
    '(_http._tcp.web..., peer finders, SIP, LDAP, XMPP clients) then find nothing. Name the port (an IANA service ' +
    'name such as http or grpc) if anything looks it up by SRV. Runs under --profile strict only: most single-port ' +
    'Services are never looked up by SRV.',
  run(context) {
    return context.services.flatMap((analysis) => {
      const service = analysis.entry.object;
      if (serviceType(service) === 'ExternalName') return [];
      const headless = service.spec?.clusterIP === 'None';
      return (service.spec?.ports ?? []).filter((port) => !port.name).map((port) => {
        const text = `${port.port}/${servicePortProtocol(port)}`;
        const still = headless
          ? 'only an SRV query for the Service name itself lists the endpoints\' ports'
          : `only the SRV record at the Service name itself still lists port ${port.port}`;
        return onService(analysis, `${serviceName(analysis)} port ${text} has no name: the cluster DNS serves no _name._${servicePortProtocol(port).toLowerCase()} SRV record for it, so SRV lookups by port name cannot find it (${still}).`);
      });
    });
  },
};
