/** `pod POD` as text: the Pod in one line, then the Services that select it and those that nearly do. Pure. */
import type { PodServiceEntry, PodServicesView } from '../core/live/pod-services.js';
import { createPalette, type Palette } from './colors.js';
import { forTerminal } from './terminal-safe.js';
import { formatMark } from './why-not-view.js';

function podLine(view: PodServicesView): string {
  const { pod } = view;
  const state = pod.terminating ? 'terminating' : pod.ready ? 'ready' : 'not ready';
  const reasons = pod.notReadyReasons.length > 0 ? ` (${pod.notReadyReasons.join('; ')})` : '';
  return `Pod ${pod.name} in namespace ${pod.namespace}: ${pod.phase}, IP ${pod.ip ?? '<none>'}, node ${pod.node ?? '<none>'}, ${state}${reasons}`;
}

function entryLine(entry: PodServiceEntry, palette: Palette): string {
  const mark = formatMark(entry.verdict.behind === 'yes' ? 'ok' : entry.verdict.behind === 'partly' ? 'warn' : 'fail', palette);
  return `  ${mark} ${entry.service}: ${entry.verdict.summary.replace(` Service ${entry.service}`, '')}`;
}

function count(n: number): string {
  return `${n} ${n === 1 ? 'Service' : 'Services'}`;
}

/** The whole `pod` output. */
export const renderPodServices = forTerminal(podServicesText);

function podServicesText(view: PodServicesView, options: { color: boolean }): string {
  const palette = createPalette(options.color);
  const selecting = view.services.filter((entry) => entry.relation === 'selects');
  const nearly = view.services.filter((entry) => entry.relation === 'nearly-selects');
  const lines = [palette.chalk.bold(podLine(view)), ''];
  if (selecting.length === 0) lines.push(`Selected by no Service in namespace ${view.pod.namespace}.`);
  else lines.push(`Selected by ${count(selecting.length)}:`, ...selecting.map((entry) => entryLine(entry, palette)));
  if (nearly.length > 0) lines.push('', `Nearly selected by ${count(nearly.length)} (one label away):`, ...nearly.map((entry) => entryLine(entry, palette)));
  if (view.servicesWithoutSelector > 0) {
    lines.push('', palette.chalk.dim(`${count(view.servicesWithoutSelector)} without a selector not considered (their endpoints are written by hand).`));
  }
  if (view.unavailable.length > 0) lines.push('', palette.chalk.yellow(`Could not read (forbidden): ${view.unavailable.join(', ')}; those parts use the prediction.`));
  lines.push('', palette.chalk.dim(`Details: kubectl svc-explain why-not SERVICE ${view.pod.name} -n ${view.pod.namespace}`));
  return `${lines.join('\n')}\n`;
}
