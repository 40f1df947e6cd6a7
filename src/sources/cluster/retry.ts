import { ClusterError } from '../../errors.js';

/** How one failed attempt ended, as far as the retry policy needs to know. */
export interface AttemptFailure {
  /** HTTP status, when the server answered. */
  status?: number;
  /** Node's error code (ECONNRESET, …), when the connection failed. */
  code?: string;
  /** The Retry-After header, verbatim (seconds or an HTTP date). */
  retryAfter?: string;
}

/** The knobs of the policy; DEFAULT_RETRY_POLICY is what the CLI uses. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the request fails at once. */
  maxRetryAfterMs: number;
}

/** Like client-go: a handful of attempts, exponential backoff from 200 ms, capped at 5 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 60_000 };

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** A failure worth another attempt: throttling, a server-side 5xx that says "try again", a dropped connection. */
export class TransientError extends ClusterError {
  constructor(
    message: string,
    readonly failure: AttemptFailure,
  ) {
    super(message);
  }
}

/** Whether a failure may go away by itself: 429, 500, 502, 503, 504, or a reset connection. */
export function isRetryable(failure: AttemptFailure): boolean {
  if (failure.status !== undefined) return RETRYABLE_STATUS.has(failure.status);
  return failure.code !== undefined && RETRYABLE_CODES.has(failure.code);
}

/** Milliseconds a Retry-After header asks for (delta-seconds or HTTP date), or null when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number): number | null {
  if (header === undefined) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = /^[A-Za-z]{3}, /.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** What to do after a failed attempt: wait and try again, or give up (with why). */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

/** The state a decision is made from; `deadline` is an absolute time on the same clock as `now`, or null. */
export interface RetryState {
  /** Attempts made so far, including the one that just failed (1 after the first). */
  attempts: number;
  failure: AttemptFailure;
  now: number;
  deadline: number | null;
}

/**
 * Decides whether to retry, and after how long: Retry-After when the server sent one, else
 * exponential backoff with jitter (half fixed, half random) so that many clients do not retry in step.
 * Never waits past the deadline. Pure: the clock and the random source come in as arguments.
 */
export function decideRetry(state: RetryState, random: () => number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetryDecision {
  if (!isRetryable(state.failure)) return { retry: false, reason: 'not retryable' };
  if (state.attempts >= policy.maxAttempts) return { retry: false, reason: `gave up after ${state.attempts} attempts` };
  const asked = retryAfterMs(state.failure.retryAfter, state.now);
  if (asked !== null && asked > policy.maxRetryAfterMs) return { retry: false, reason: `the server asked to retry after ${Math.round(asked / 1000)}s` };
  const delayMs = asked ?? backoffMs(state.attempts, random, policy);
  if (state.deadline !== null && state.now + delayMs >= state.deadline) {
    return { retry: false, reason: `gave up after ${state.attempts} attempts within the request timeout` };
  }
  return { retry: true, delayMs };
}

/** The wait after `attempts` failures in a row: exponential from baseDelayMs, capped, half fixed and half random. */
export function backoffMs(attempts: number, random: () => number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}

/** Where the retry loop gets time and chance from; tests pass fakes. */
export interface RetryEnvironment {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

/** The real clock, timers and Math.random. */
export const SYSTEM_ENVIRONMENT: RetryEnvironment = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/**
 * Runs `attempt` until it succeeds, throws something that is not a TransientError, or the policy
 * gives up; then the last TransientError is thrown with how many attempts were made.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  deadline: number | null,
  environment: RetryEnvironment = SYSTEM_ENVIRONMENT,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<T> {
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof TransientError)) throw error;
      const decision = decideRetry({ attempts, failure: error.failure, now: environment.now(), deadline }, environment.random, policy);
      if (!decision.retry) throw attempts > 1 ? new TransientError(`${error.message} (${decision.reason})`, error.failure) : error;
      await environment.sleep(decision.delayMs);
    }
  }
}
