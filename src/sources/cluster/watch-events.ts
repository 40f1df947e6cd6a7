import { ClusterError } from '../../errors.js';

/** One event of a Kubernetes watch stream (newline-delimited JSON). */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: { metadata?: { resourceVersion?: string }; code?: number; message?: string };
}

/** What one event means for the watcher: where to resume from, whether the view may have changed, whether to relist. */
export type WatchStep =
  | { kind: 'changed'; resourceVersion: string | null }
  | { kind: 'bookmark'; resourceVersion: string | null }
  | { kind: 'gone' }
  | { kind: 'error'; message: string };

/** Classifies one event. Pure. A 410 in an ERROR event means the resourceVersion was compacted away: relist. */
export function stepFor(event: WatchEvent): WatchStep {
  const resourceVersion = event.object?.metadata?.resourceVersion ?? null;
  if (event.type === 'BOOKMARK') return { kind: 'bookmark', resourceVersion };
  if (event.type === 'ERROR') {
    return event.object?.code === 410 ? { kind: 'gone' } : { kind: 'error', message: event.object?.message ?? `watch error ${event.object?.code ?? ''}`.trim() };
  }
  return { kind: 'changed', resourceVersion };
}

/** Splits a watch stream into events, however the chunks fall; a line that is not JSON is a ClusterError. */
export class WatchEventDecoder {
  private pending = '';

  /** Feeds one chunk; returns the events completed by it. */
  push(chunk: string): WatchEvent[] {
    this.pending += chunk;
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    return lines.filter((line) => line.trim() !== '').map(parseEvent);
  }
}

function parseEvent(line: string): WatchEvent {
  let event: WatchEvent;
  try {
    event = JSON.parse(line) as WatchEvent;
  } catch {
    throw new ClusterError(`a watch stream sent a line that is not JSON (${line.length} bytes)`);
  }
  if (typeof event !== 'object' || event === null || typeof event.type !== 'string') throw new ClusterError('a watch stream sent something that is not a watch event');
  return event;
}
