import type http from 'node:http';
import { ClusterError, NotFoundError, SvcExplainError } from '../../errors.js';
import type { Connection } from './connection.js';
import type { ConnectionOverrides } from './connection-overrides.js';
import type { RequestLog } from './request-log.js';
import { TransientError, withRetries } from './retry.js';

/** A request the server refused for lack of permission; callers degrade that part of the output. */
export class ForbiddenError extends Error {
  constructor(readonly resource: string) {
    super(`forbidden: ${resource}`);
  }
}

/** 410 Gone: a continue token (or watch resourceVersion) too old to resume from; the list starts over. */
export class GoneError extends ClusterError {}

/** 400 Bad Request, e.g. an invalid --selector: the server's message says what is wrong. */
export class BadRequestError extends ClusterError {}

/** How to connect: where the kubeconfig is, which context, the flags that override it, and -v. */
export interface ConnectOptions {
  kubeconfig?: string;
  context?: string;
  /** Milliseconds; 0 = none. */
  requestTimeout?: number;
  /** Items per LIST page (kubectl's --chunk-size); 0 = one page. Default 500. */
  chunkSize?: number;
  env?: NodeJS.ProcessEnv;
  /** kubectl's global flags (--server, --token, --as, ...). */
  overrides?: ConnectionOverrides;
  /** -v: where request lines go. */
  log?: RequestLog;
}

const PAGE_SIZE = 500;
/** How often a list may start over after its continue token expired (410) before it fails. */
const LIST_RESTARTS = 3;

/** Read-only access to the Kubernetes API: GET and paginated LIST, JSON in, plain objects out. */
export class KubeApi {
  private readonly inFlight = new Set<http.ClientRequest>();
  private closed = false;

  private constructor(
    private readonly connection: Connection,
    readonly server: string,
    private readonly requestTimeout: number,
    private readonly chunkSize = PAGE_SIZE,
  ) {}

  /** Connects lazily: reads the kubeconfig now (see kubeconfig-loading.ts), talks to the server on the first request. */
  static async connect(options: ConnectOptions): Promise<KubeApi> {
    // Loaded on first use: the kubeconfig parser and connection code are not needed by lint or --help.
    const [{ loadKubeconfig }, { resolveConnection }, { openConnection }, { logLine }] = await Promise.all([
      import('./kubeconfig-loading.js'),
      import('./connection-overrides.js'),
      import('./connection.js'),
      import('./request-log.js'),
    ]);
    const env = options.env ?? process.env;
    const kubeconfig = loadKubeconfig({ kubeconfig: options.kubeconfig, env });
    if (options.log && options.log.verbosity >= 6) for (const file of kubeconfig.files) options.log.write(logLine(`Config loaded from file: ${file}`).trimEnd());
    const resolved = resolveConnection(kubeconfig, { ...options.overrides, ...(options.context ? { context: options.context } : {}) });
    const connection = openConnection(resolved, env, options.log ?? null);
    return new KubeApi(connection, connection.server, options.requestTimeout ?? 0, options.chunkSize ?? PAGE_SIZE);
  }

  /** The namespace of the current context, as kubectl uses it when -n is not given. */
  get contextNamespace(): string {
    return this.connection.namespace;
  }

  get contextName(): string {
    return this.connection.contextName;
  }

  /** GET one object; 404 becomes NotFoundError naming `what`, 403 a ForbiddenError. */
  async get<T>(path: string, what: string): Promise<T> {
    const deadline = this.deadline();
    return (await withRetries(() => this.request(path, what, deadline), deadline)) as T;
  }

  /** GET one object as a list: [object], or [] when it does not exist (404); 403 stays a ForbiddenError. */
  async getIfExists<T>(path: string, what: string): Promise<T[]> {
    try {
      return [await this.get<T>(path, what)];
    } catch (error) {
      if (error instanceof NotFoundError) return [];
      throw error;
    }
  }

  /** LIST every item behind a collection path, page by page; a 410 on a later page starts the list over. */
  async list<T>(path: string, resource: string, query: Record<string, string> = {}): Promise<T[]> {
    return (await this.listWithVersion<T>(path, resource, query)).items;
  }

  /** LIST as above, plus the list's resourceVersion, which a watch resumes from. */
  async listWithVersion<T>(path: string, resource: string, query: Record<string, string> = {}): Promise<{ items: T[]; resourceVersion: string }> {
    const deadline = this.deadline();
    for (let restarts = 0; ; restarts++) {
      const items: T[] = [];
      let token: string | undefined;
      let resourceVersion = '';
      try {
        do {
          const limit = query.limit ?? (this.chunkSize > 0 ? String(this.chunkSize) : undefined);
          const params = new URLSearchParams({ ...query, ...(limit ? { limit } : {}), ...(token ? { continue: token } : {}) });
          const page = (await withRetries(() => this.request(`${path}?${params}`, resource, deadline), deadline)) as ListPage<T>;
          items.push(...(page.items ?? []));
          token = page.metadata?.continue || undefined;
          resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
        } while (token);
        return { items, resourceVersion };
      } catch (error) {
        if (!(error instanceof GoneError) || token === undefined || restarts >= LIST_RESTARTS) throw error;
      }
    }
  }

  /** Opens a long-running GET (a watch) and hands over the response stream once the server said 200. */
  async openStream(path: string, what: string): Promise<http.IncomingMessage> {
    return this.open(path, 0, async (response) => {
      if (response.statusCode === 200) return response;
      throw this.statusError(response.statusCode ?? 0, await readBody(response), what, response.headers['retry-after']);
    });
  }

  /** Ends every request in flight and any later one: --watch calls it on Ctrl-C so the process exits at once. */
  close(): void {
    this.closed = true;
    for (const request of this.inFlight) request.destroy(new ClusterError('the connection was closed'));
  }

  /** The absolute time the current operation must end by (--request-timeout), or null for none. */
  private deadline(): number | null {
    return this.requestTimeout > 0 ? Date.now() + this.requestTimeout : null;
  }

  private async request(path: string, what: string, deadline: number | null): Promise<unknown> {
    const timeout = deadline === null ? 0 : Math.max(1, deadline - Date.now());
    return this.open(path, timeout, async (response) => {
      const body = await readBody(response);
      const status = response.statusCode ?? 0;
      if (status !== 200) throw this.statusError(status, body, what, response.headers['retry-after']);
      try {
        return JSON.parse(body);
      } catch {
        throw new ClusterError(`${this.server} answered ${what} with a body that is not JSON (${body.length} bytes): a proxy in between, or a truncated answer`);
      }
    });
  }

  private async open<T>(path: string, timeout: number, onResponse: (response: http.IncomingMessage) => Promise<T>): Promise<T> {
    const url = new URL(this.server + path);
    const { transport, options } = await this.connection.prepare(url);
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new ClusterError('the connection was closed'));
      const request = transport.request(url, options, (response) => {
        onResponse(response).then(resolve, (error: Error & { code?: string }) => {
          // Our own errors (status, 403, 404, not JSON) pass as they are; only the socket's errors are translated.
          reject(error instanceof SvcExplainError || error instanceof ForbiddenError ? error : this.networkError(error));
        });
      });
      if (timeout > 0) {
        const timer = setTimeout(() => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), timeout);
        request.on('close', () => clearTimeout(timer));
      }
      this.inFlight.add(request);
      request.on('close', () => this.inFlight.delete(request));
      request.on('error', (error) => reject(error instanceof ClusterError ? error : this.networkError(error)));
      request.end();
    });
  }

  private statusError(status: number, body: string, what: string, retryAfter?: string): Error {
    let message = '';
    try {
      message = (JSON.parse(body) as { message?: string }).message ?? '';
    } catch {
      message = body.split('\n')[0].slice(0, 200);
    }
    if (status === 410) return new GoneError(`the cluster at ${this.server} answered 410 Gone for ${what}${message ? `: ${message}` : ''}`);
    if ([429, 500, 502, 503, 504].includes(status)) {
      return new TransientError(`the cluster at ${this.server} answered ${status} for ${what}${message ? `: ${message}` : ''}`, { status, ...(retryAfter ? { retryAfter } : {}) });
    }
    if (status === 400) return new BadRequestError(`the cluster at ${this.server} rejected the request for ${what} (400 Bad Request)${message ? `: ${message}` : ''}`);
    if (status === 404) return new NotFoundError(`${what} not found`);
    if (status === 403) return new ForbiddenError(what);
    if (status === 401) return new ClusterError(`the cluster at ${this.server} rejected the credentials of context "${this.contextName}" (401 Unauthorized): log in again or fix the kubeconfig user`);
    return new ClusterError(`the cluster at ${this.server} answered ${status} for ${what}${message ? `: ${message}` : ''}`);
  }

  private networkError(error: NodeJS.ErrnoException): ClusterError {
    const code = error.code ?? '';
    if (code === 'ETIMEDOUT') return new ClusterError(`the cluster at ${this.server} did not answer within the request timeout`);
    if (code === 'ECONNRESET' || code === 'EPIPE') {
      return new TransientError(`the connection to the cluster at ${this.server} was reset (${code}) before the answer was complete`, { code });
    }
    if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(code)) {
      return new ClusterError(`cannot reach the cluster at ${this.server} (${code}): is it running, and is context "${this.contextName}" right?`);
    }
    if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
      return new ClusterError(`TLS error talking to ${this.server} (${code}): check the cluster's certificate-authority in the kubeconfig`);
    }
    return new ClusterError(`cannot talk to the cluster at ${this.server}: ${error.message.split('\n')[0]}`);
  }
}

interface ListPage<T> {
  items?: T[];
  metadata?: { continue?: string; resourceVersion?: string };
}

/** The whole body of a response as UTF-8; a connection cut mid-body rejects (Node reports it as ECONNRESET). */
function readBody(response: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('error', reject);
    response.on('aborted', () => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
