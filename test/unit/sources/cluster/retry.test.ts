import { describe, expect, it } from 'vitest';
import { ClusterError } from '../../../../src/errors.js';
import { decideRetry, isRetryable, retryAfterMs, TransientError, withRetries, type RetryEnvironment } from '../../../../src/sources/cluster/retry.js';

const POLICY = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 10_000 };
const half = () => 0.5;

describe('isRetryable', () => {
  it.each([
    [{ status: 429 }, true],
    [{ status: 500 }, true],
    [{ status: 502 }, true],
    [{ status: 503 }, true],
    [{ status: 504 }, true],
    [{ status: 400 }, false],
    [{ status: 401 }, false],
    [{ status: 403 }, false],
    [{ status: 404 }, false],
    [{ status: 410 }, false],
    [{ status: 501 }, false],
    [{ code: 'ECONNRESET' }, true],
    [{ code: 'EPIPE' }, true],
    [{ code: 'ECONNREFUSED' }, false],
    [{ code: 'ETIMEDOUT' }, false],
    [{}, false],
  ])('%j → %s', (failure, expected) => {
    expect(isRetryable(failure)).toBe(expected);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    [undefined, null],
    ['3', 3_000],
    [' 0 ', 0],
    ['Thu, 01 Jan 2026 00:00:05 GMT', 5_000],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['soon', null],
    ['-1', null],
  ])('%j → %j', (header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});

describe('decideRetry', () => {
  const at = (attempts: number, failure: object, extra: { now?: number; deadline?: number | null } = {}) => ({
    attempts,
    failure,
    now: extra.now ?? 0,
    deadline: extra.deadline ?? null,
  });

  it('backs off exponentially, capped, half fixed and half random', () => {
    const delays = [1, 2, 3, 4].map((n) => decideRetry(at(n, { status: 503 }), () => 0, POLICY));
    expect(delays).toEqual([50, 100, 200, 400].map((delayMs) => ({ retry: true, delayMs })));
    expect(decideRetry(at(4, { status: 503 }), () => 0.999999, { ...POLICY, maxAttempts: 9 })).toEqual({ retry: true, delayMs: 800 });
    expect(decideRetry(at(8, { status: 503 }), () => 1, { ...POLICY, maxAttempts: 9 })).toEqual({ retry: true, delayMs: 1_000 });
  });

  it('jitter spreads the delays of clients that failed at the same moment', () => {
    const delays = [0, 0.25, 0.5, 0.75].map((r) => decideRetry(at(3, { code: 'ECONNRESET' }), () => r, POLICY));
    expect(new Set(delays.map((d) => (d.retry ? d.delayMs : -1))).size).toBe(4);
  });

  it('honours Retry-After instead of the backoff', () => {
    expect(decideRetry(at(1, { status: 429, retryAfter: '2' }), half, POLICY)).toEqual({ retry: true, delayMs: 2_000 });
  });

  it('fails at once when Retry-After asks for longer than it is willing to wait', () => {
    expect(decideRetry(at(1, { status: 429, retryAfter: '3600' }), half, POLICY)).toEqual({ retry: false, reason: 'the server asked to retry after 3600s' });
  });

  it('never sleeps past the deadline', () => {
    expect(decideRetry(at(1, { status: 429, retryAfter: '2' }, { now: 1_000, deadline: 2_500 }), half, POLICY)).toMatchObject({ retry: false });
    expect(decideRetry(at(1, { status: 503 }, { now: 1_000, deadline: 1_060 }), half, POLICY)).toMatchObject({ retry: false });
    expect(decideRetry(at(1, { status: 503 }, { now: 1_000, deadline: 1_100 }), half, POLICY)).toEqual({ retry: true, delayMs: 75 });
  });

  it('stops after maxAttempts, and never retries what will not change', () => {
    expect(decideRetry(at(5, { status: 503 }), half, POLICY)).toEqual({ retry: false, reason: 'gave up after 5 attempts' });
    expect(decideRetry(at(1, { status: 404 }), half, POLICY)).toEqual({ retry: false, reason: 'not retryable' });
  });
});

/** A clock that only moves when the code under test sleeps. */
function fakeEnvironment(): RetryEnvironment & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return { slept, now: () => now, random: half, sleep: async (ms) => void (slept.push(ms), (now += ms)) };
}

describe('withRetries', () => {
  it('returns the first success after transient failures', async () => {
    const environment = fakeEnvironment();
    const answers = [new TransientError('503', { status: 503 }), new TransientError('reset', { code: 'ECONNRESET' }), 'ok'];
    let calls = 0;
    const result = await withRetries(async () => {
      const answer = answers[calls++];
      if (answer instanceof Error) throw answer;
      return answer;
    }, null, environment, POLICY);
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(environment.slept).toEqual([75, 150]);
  });

  it('passes other errors through on the first attempt', async () => {
    const environment = fakeEnvironment();
    let calls = 0;
    const failing = withRetries(async () => {
      calls++;
      throw new ClusterError('401');
    }, null, environment, POLICY);
    await expect(failing).rejects.toThrow('401');
    expect(calls).toBe(1);
  });

  it('gives up within the deadline and says so in the one-line message', async () => {
    const environment = fakeEnvironment();
    let calls = 0;
    const failing = withRetries(async () => {
      calls++;
      throw new TransientError('the cluster answered 503', { status: 503 });
    }, 500, environment, POLICY);
    await expect(failing).rejects.toThrow(/^the cluster answered 503 \(gave up after 3 attempts within the request timeout\)$/);
    expect(environment.now()).toBeLessThan(500);
    expect(calls).toBe(3);
  });
});
