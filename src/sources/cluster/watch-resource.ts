import type http from 'node:http';
import { ClusterError, NotFoundError } from '../../errors.js';
import { ForbiddenError, GoneError, type KubeApi } from './kube-api.js';
import { backoffMs, SYSTEM_ENVIRONMENT, type RetryEnvironment } from './retry.js';
import { stepFor, WatchEventDecoder } from './watch-events.js';
import type { WatchTarget } from './watch-targets.js';

/** Reconnects back off from 500 ms up to 30 s; a watch never gives up by itself. */
const RECONNECT_POLICY = { maxAttempts: Infinity, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 0 };

class Relist extends Error {}

/**
 * Follows one collection with a watch (bookmarks on) and calls `onChange` whenever something in it
 * changed. Resumes from the last resourceVersion after a dropped connection (with backoff), and
 * starts from a fresh one after a 410 (then calls `onChange`, since events may have been missed).
 */
export class ResourceWatch {
  private resourceVersion: string | null = null;
  private stopped = false;
  private response: http.IncomingMessage | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly api: KubeApi,
    private readonly target: WatchTarget,
    private readonly onChange: () => void,
    private readonly onNote: (text: string) => void,
    private readonly environment: RetryEnvironment = SYSTEM_ENVIRONMENT,
  ) {}

  /** Reads the collection's current resourceVersion, so that every later change is seen; then watches in the background. */
  async start(): Promise<void> {
    try {
      this.resourceVersion = await this.currentVersion();
    } catch (error) {
      // Not served (a CRD removed since discovery): there is nothing to follow.
      if (error instanceof NotFoundError) return;
      if (!(error instanceof ForbiddenError)) throw error;
      this.onNote(`not allowed to list ${this.target.resource}: its changes are not followed`);
      return;
    }
    void this.run();
  }

  /** Ends the watch: closes the stream and cancels a pending reconnect. */
  stop(): void {
    this.stopped = true;
    this.response?.destroy();
    this.wake?.();
  }

  private async run(): Promise<void> {
    for (let failures = 0; !this.stopped; ) {
      try {
        if (this.resourceVersion === null) {
          this.resourceVersion = await this.currentVersion();
          this.onChange();
        }
        await this.follow(this.resourceVersion);
        failures = 0;
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof Relist || error instanceof GoneError) {
          this.resourceVersion = null;
          continue;
        }
        if (error instanceof ForbiddenError) {
          this.onNote(`not allowed to watch ${this.target.resource} (403 Forbidden): its changes are not followed; see the ClusterRole in the README`);
          return;
        }
        await this.sleep(backoffMs(++failures, this.environment.random, RECONNECT_POLICY));
      }
    }
  }

  /** One watch request, until the server ends it (timeoutSeconds), the connection drops or a 410 says relist. */
  private async follow(resourceVersion: string): Promise<void> {
    const timeoutSeconds = String(300 + Math.floor(this.environment.random() * 300));
    const params = new URLSearchParams({ ...this.target.query, watch: '1', allowWatchBookmarks: 'true', resourceVersion, timeoutSeconds });
    this.response = await this.api.openStream(`${this.target.path}?${params}`, `a watch of ${this.target.resource}`);
    if (this.stopped) return void this.response.destroy();
    this.response.setEncoding('utf8');
    const decoder = new WatchEventDecoder();
    for await (const chunk of this.response) {
      for (const event of decoder.push(chunk as string)) {
        const step = stepFor(event);
        if (step.kind === 'gone') throw new Relist();
        if (step.kind === 'error') throw new ClusterError(step.message);
        if (step.resourceVersion) this.resourceVersion = step.resourceVersion;
        if (step.kind === 'changed') this.onChange();
      }
    }
  }

  private async currentVersion(): Promise<string> {
    const params = new URLSearchParams({ ...this.target.query, limit: '1' });
    const page = await this.api.get<{ metadata?: { resourceVersion?: string } }>(`${this.target.path}?${params}`, this.target.resource);
    return page.metadata?.resourceVersion ?? '0';
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => (clearTimeout(timer), resolve());
    });
  }
}
