import type http from 'node:http';
import type https from 'node:https';
import { redactUserinfo } from './proxy-selection.js';

/** Where -v lines go (standard error), and how much: kubectl's levels 6 (requests) and 7 (+ headers). */
export interface RequestLog {
  verbosity: number;
  write(line: string): void;
}

/** The one method of http/https that KubeApi calls. */
export interface Transport {
  request(url: URL, options: https.RequestOptions, callback: (response: http.IncomingMessage) => void): http.ClientRequest;
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/**
 * http or https as is, or (with -v 6 and more) logging each request like kubectl's round
 * trippers: method, URL, status and time; at 7 also the request headers, credentials masked.
 */
export function loggingTransport(base: Transport, log: RequestLog | null): Transport {
  if (!log || log.verbosity < 6) return base;
  return {
    request(url, options, callback) {
      const started = Date.now();
      const verb = options.method ?? 'GET';
      const target = redactUserinfo(String(url));
      if (log.verbosity >= 7) {
        log.write(`${verb} ${target}`);
        for (const [name, value] of Object.entries(options.headers ?? {})) {
          for (const item of [value].flat()) log.write(`    ${name}: ${SECRET_HEADERS.has(name.toLowerCase()) ? masked(String(item)) : String(item)}`);
        }
      }
      const request = base.request(url, options, (response) => {
        log.write(`${verb} ${target} ${response.statusCode} ${response.statusMessage ?? ''} in ${Date.now() - started} milliseconds`);
        callback(response);
      });
      request.on('error', (error: NodeJS.ErrnoException) => log.write(`${verb} ${target} failed after ${Date.now() - started} milliseconds: ${error.code ?? error.message}`));
      return request;
    },
  };
}

/** `Bearer <masked>`, as kubectl prints it. */
function masked(value: string): string {
  const space = value.indexOf(' ');
  return space === -1 ? '<masked>' : `${value.slice(0, space)} <masked>`;
}

/** A timestamped -v line, klog style. */
export function logLine(text: string, now = new Date()): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const stamp = `${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())} ${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}.${pad(now.getUTCMilliseconds(), 3)}`;
  return `I${stamp} ${text}\n`;
}
