import { renderNames, renderYaml } from '../render/machine-formats.js';

/** -o for the live views (explain, pod, why-not): json and yaml of the view, name lines of its Services, else the human text. */
export function viewOutput(output: string, view: unknown, serviceNames: readonly string[], human: () => string): string {
  if (output === 'json') return `${JSON.stringify(view, null, 2)}\n`;
  if (output === 'yaml') return renderYaml(view);
  if (output === 'name') return renderNames('service', serviceNames);
  return human();
}
