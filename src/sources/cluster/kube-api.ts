import { ClusterError, NotFoundError } from '../../errors.js';
import type { Connection } from './connection.js';
import type { ConnectionOverrides } from './connection-overrides.js';
import type { RequestLog } from './request-log.js';

/** A request the server refused for lack of permission; callers degrade that part of the output. */
export class ForbiddenError extends Error {
  constructor(readonly resource: string) {
    super(`forbidden: ${resource}`);
  }
}

/** How to connect: where the kubeconfig is, which context, the flags that override it, and -v. */
export interface ConnectOptions {
  kubeconfig?: string;
  context?: string;
  /** Milliseconds; 0 = none. */
  requestTimeout?: number;
  env?: NodeJS.ProcessEnv;
  /** kubectl's global flags (--server, --token, --as, ...). */
  overrides?: ConnectionOverrides;
  /** -v: where request lines go. */
  log?: RequestLog;
}

/** 400 Bad Request, e.g. an invalid --selector: the server's message says what is wrong. */
export class BadRequestError extends ClusterError {}

const PAGE_SIZE = 500;

/** Read-only access to the Kubernetes API: GET and paginated LIST, JSON in, plain objects out. */
export class KubeApi {
  private constructor(
    private readonly connection: Connection,
    readonly server: string,
    private readonly requestTimeout: number,
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
    return new KubeApi(connection, connection.server, options.requestTimeout ?? 0);
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
    return (await this.request(path, what)) as T;
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

  /** LIST every item behind a collection path, page by page. */
  async list<T>(path: string, resource: string, query: Record<string, string> = {}): Promise<T[]> {
    const items: T[] = [];
    let token: string | undefined;
    do {
      const params = new URLSearchParams({ ...query, limit: String(PAGE_SIZE), ...(token ? { continue: token } : {}) });
      const page = (await this.request(`${path}?${params}`, resource)) as { items?: T[]; metadata?: { continue?: string } };
      items.push(...(page.items ?? []));
      token = page.metadata?.continue || undefined;
    } while (token);
    return items;
  }

  private async request(path: string, what: string): Promise<unknown> {
    const url = new URL(this.server + path);
    const { transport, options } = await this.connection.prepare(url);
    return new Promise((resolve, reject) => {
      const request = transport.request(url, options, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => reject(this.networkError(error)));
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          if (status === 200) {
            try {
              resolve(JSON.parse(body));
            } catch {
              reject(new ClusterError(`${this.server} answered ${what} with something that is not JSON`));
            }
            return;
          }
          reject(this.statusError(status, body, what));
        });
      });
      if (this.requestTimeout > 0) {
        request.setTimeout(this.requestTimeout, () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      }
      request.on('error', (error) => reject(this.networkError(error)));
      request.end();
    });
  }

  private statusError(status: number, body: string, what: string): Error {
    let message = '';
    try {
      message = (JSON.parse(body) as { message?: string }).message ?? '';
    } catch {
      message = body.slice(0, 200);
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
    if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET', 'EAI_AGAIN'].includes(code)) {
      return new ClusterError(`cannot reach the cluster at ${this.server} (${code}): is it running, and is context "${this.contextName}" right?`);
    }
    if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
      return new ClusterError(`TLS error talking to ${this.server} (${code}): check the cluster's certificate-authority in the kubeconfig`);
    }
    return new ClusterError(`cannot talk to the cluster at ${this.server}: ${error.message.split('\n')[0]}`);
  }
}
